import { CLOSED_STATUSES } from '@/lib/sla/deadline-state';

/** Whether a case may be supervised: still open and past its resolve or (unanswered) first-reply deadline. Pure; mirrors issueSupervisionLetter. */
export function caseIsOverdue(
  c: {
    status: string;
    resolveDueAt: Date | string | null;
    firstReplyDueAt: Date | string | null;
    firstRepliedAt: Date | string | null;
  },
  now: Date,
): boolean {
  if ((CLOSED_STATUSES as readonly string[]).includes(c.status)) return false;
  const past = (d: Date | string | null) => d !== null && new Date(d).getTime() < now.getTime();
  return past(c.resolveDueAt) || (!c.firstRepliedAt && past(c.firstReplyDueAt));
}
