import { caseTimelineRoute } from '@/lib/intake/case-timeline-route.server';
import { reopenComplaint } from '@/lib/intake/reopen-complaint.server';

/** POST {trackingCode, phoneLast4?, reason} → reopen after an unsatisfied rating; the updated timeline. */
export const POST = caseTimelineRoute(reopenComplaint);
