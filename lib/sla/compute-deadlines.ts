/**
 * Deadline maths: pure functions of (timestamps, policy, calendar). "当日转办、5日首复":
 * dispatched within `dispatchHours`, first reply and resolution within N days, counted as working
 * days (weekends and public holidays skipped, 调休 workdays counted) when the policy says so.
 *
 * Convention (documented, as Chinese hotline rules state it): a limit of N days ends at 24:00
 * China Standard Time of the N-th (working) day after the day the case arrived; the arrival day
 * itself does not count. China has one time zone, UTC+8, and no daylight saving.
 */

export const CST_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

export interface WorkCalendar {
  /** Public holidays (no work) as 'YYYY-MM-DD' in China Standard Time. */
  holidays: ReadonlySet<string>;
  /** Weekend days that are working days (调休). */
  workdays: ReadonlySet<string>;
}

export const EMPTY_CALENDAR: WorkCalendar = { holidays: new Set(), workdays: new Set() };

export interface DeadlinePolicy {
  categoryCode: string | null;
  tier: 'county' | 'town' | 'village' | null;
  urgencyCode: string | null;
  dispatchHours: number;
  firstReplyDays: number;
  resolveDays: number;
  workingDays: boolean;
}

export interface Deadlines {
  dispatchDueAt: Date;
  firstReplyDueAt: Date;
  resolveDueAt: Date;
}

/** 'YYYY-MM-DD' of an instant in China Standard Time. */
export function cstDate(at: Date): string {
  return new Date(at.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

export function isWorkday(day: string, calendar: WorkCalendar): boolean {
  if (calendar.workdays.has(day)) return true;
  if (calendar.holidays.has(day)) return false;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** Midnight (CST) that starts `day`, as an instant. */
function startOfCstDay(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) - CST_OFFSET_MS;
}

/** The end (24:00 CST) of the `days`-th day after the arrival day; working days only if asked. */
export function addDays(from: Date, days: number, workingDays: boolean, calendar: WorkCalendar): Date {
  if (!Number.isInteger(days) || days < 0)
    throw new RangeError(`days must be a non-negative integer, got ${days}`);
  let cursor = startOfCstDay(cstDate(from));
  let counted = 0;
  while (counted < days) {
    cursor += DAY_MS;
    if (!workingDays || isWorkday(cstDate(new Date(cursor)), calendar)) counted++;
  }
  return new Date(cursor + DAY_MS);
}

export function computeDeadlines(
  submittedAt: Date,
  policy: DeadlinePolicy,
  calendar: WorkCalendar,
): Deadlines {
  return {
    dispatchDueAt: new Date(submittedAt.getTime() + policy.dispatchHours * 3_600_000),
    firstReplyDueAt: addDays(submittedAt, policy.firstReplyDays, policy.workingDays, calendar),
    resolveDueAt: addDays(submittedAt, policy.resolveDays, policy.workingDays, calendar),
  };
}

/**
 * The most specific policy for a case: each matching field (category, tier, urgency) that is set
 * scores, a level-2 category code matches a policy of its level-1 parent; `null` in a policy matches
 * anything. Ties go to the earlier policy. Returns undefined when none matches.
 */
export function pickPolicy<P extends DeadlinePolicy>(
  policies: readonly P[],
  subject: {
    categoryCode: string | null;
    parentCategoryCode: string | null;
    tier: string | null;
    urgencyCode: string | null;
  },
): P | undefined {
  let best: P | undefined;
  let bestScore = -1;
  for (const p of policies) {
    let score = 0;
    if (p.categoryCode !== null) {
      if (p.categoryCode === subject.categoryCode) score += 8;
      else if (p.categoryCode === subject.parentCategoryCode) score += 4;
      else continue;
    }
    if (p.tier !== null) {
      if (p.tier !== subject.tier) continue;
      score += 2;
    }
    if (p.urgencyCode !== null) {
      if (p.urgencyCode !== subject.urgencyCode) continue;
      score += 16;
    }
    if (score > bestScore) {
      best = p;
      bestScore = score;
    }
  }
  return best;
}
