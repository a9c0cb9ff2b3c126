/**
 * Deadline state of a case: the one definition behind the three colours used everywhere
 * (map, lists, badges). Pure: time is an argument.
 *
 * - done:      resolved or closed by its resolve deadline (or without one), merged or rejected;
 * - done_late: resolved or closed after its resolve deadline (超期办结: /stats counts it in 超期件数);
 * - overdue:   the resolve deadline has passed while the case is still open;
 * - due_soon:  it falls within DUE_SOON_HOURS of now;
 * - on_track:  otherwise (including cases with no deadline yet).
 */
export const DEADLINE_STATES = ['on_track', 'due_soon', 'overdue', 'done_late', 'done'] as const;
export type DeadlineState = (typeof DEADLINE_STATES)[number];

/** A case is "due soon" this many hours before its resolve deadline. */
export const DUE_SOON_HOURS = 48;

export const CLOSED_STATUSES = ['resolved', 'closed', 'merged', 'rejected'] as const;
/** Closed statuses that count as a resolution (merged and rejected cases are never late). */
export const RESOLVED_STATUSES = ['resolved', 'closed'] as const;

/** The colours of the three states (plus grey for done), as RGB for deck.gl and CSS. */
export const DEADLINE_COLORS: Record<DeadlineState, [number, number, number]> = {
  on_track: [56, 158, 13],
  due_soon: [212, 136, 6],
  overdue: [207, 19, 34],
  done_late: [150, 88, 88],
  done: [140, 140, 140],
};

/**
 * `resolvedAt`: when the case was resolved (null or undefined when unknown or still open). A
 * reopened case is open again and judged against its (new) deadline.
 */
export function deadlineState(
  status: string,
  resolveDueAt: Date | null | undefined,
  now: Date,
  dueSoonHours = DUE_SOON_HOURS,
  resolvedAt?: Date | null,
): DeadlineState {
  if ((CLOSED_STATUSES as readonly string[]).includes(status))
    return (RESOLVED_STATUSES as readonly string[]).includes(status) &&
      resolveDueAt &&
      resolvedAt &&
      resolvedAt.getTime() > resolveDueAt.getTime()
      ? 'done_late'
      : 'done';
  if (!resolveDueAt) return 'on_track';
  const msLeft = resolveDueAt.getTime() - now.getTime();
  if (msLeft < 0) return 'overdue';
  if (msLeft <= dueSoonHours * 3_600_000) return 'due_soon';
  return 'on_track';
}
