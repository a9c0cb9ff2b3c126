import { formatDate, formatDateTime, formatDeadline } from '@/lib/format/date-time';
import { type DeadlineState, deadlineState } from '@/lib/sla/deadline-state';

/** A letter's own deadline state: answered → done (done_late when answered after its deadline); else the three colours against its answer deadline. */
export function letterState(
  letter: { answeredAt: Date | string | null; dueAt: Date | string },
  now: Date,
): DeadlineState {
  return deadlineState(
    letter.answeredAt ? 'resolved' : 'open',
    new Date(letter.dueAt),
    now,
    24,
    letter.answeredAt ? new Date(letter.answeredAt) : null,
  );
}

/** An instant (lib/format/date-time.ts). */
export const fmtTime = formatDateTime;
/** A day (lib/format/date-time.ts). */
export const fmtDay = formatDate;
/** A deadline: 24:00 of the day it ends (lib/format/date-time.ts). */
export const fmtDue = formatDeadline;
