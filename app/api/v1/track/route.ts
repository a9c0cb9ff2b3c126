import { caseTimelineRoute } from '@/lib/intake/case-timeline-route.server';
import { trackComplaint } from '@/lib/intake/track-complaint.server';

/** POST {trackingCode, phoneLast4?} → the public timeline (POST keeps the code out of URLs and logs). */
export const POST = caseTimelineRoute(trackComplaint);
