import { caseTimelineRoute } from '@/lib/intake/case-timeline-route.server';
import { rateComplaint } from '@/lib/intake/rate-complaint.server';

/** POST {trackingCode, phoneLast4?, level, comment?} → rate a resolved complaint; the updated timeline. */
export const POST = caseTimelineRoute(rateComplaint, { status: 201 });
