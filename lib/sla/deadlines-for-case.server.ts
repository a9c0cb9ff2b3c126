import 'server-only';
import type { DbOrTx } from '@/db/client';
import { getWorkCalendar, listDeadlinePolicies } from '@/db/queries/sla';
import {
  computeDeadlines,
  type DeadlinePolicy,
  type Deadlines,
  pickPolicy,
  type WorkCalendar,
} from './compute-deadlines';

/**
 * The deadlines of a case counted from `from` (its submission, or a reopen), by the most specific
 * policy for its category, tier and urgency, on the stored holiday calendar. Falls back to the
 * platform rule "当日转办、5日首复、15日办结" when no policy matches.
 */
export async function deadlinesForCase(
  db: DbOrTx,
  params: { categoryCode: string | null; urgencyCode: string | null; tier: string | null; from: Date },
): Promise<Deadlines> {
  const [policies, calendar] = await Promise.all([listDeadlinePolicies(db), getWorkCalendar(db)]);
  return deadlinesByPolicy(policies, calendar, params);
}

/** The same, on policies and a calendar already read (intake's cached reference data). Pure. */
export function deadlinesByPolicy(
  policies: readonly DeadlinePolicy[],
  calendar: WorkCalendar,
  params: { categoryCode: string | null; urgencyCode: string | null; tier: string | null; from: Date },
): Deadlines {
  const policy = pickPolicy(policies, {
    categoryCode: params.categoryCode,
    parentCategoryCode: params.categoryCode?.slice(0, 2) ?? null,
    tier: params.tier,
    urgencyCode: params.urgencyCode,
  }) ?? {
    categoryCode: null,
    tier: null,
    urgencyCode: null,
    dispatchHours: 24,
    firstReplyDays: 5,
    resolveDays: 15,
    workingDays: true,
  };
  return computeDeadlines(params.from, policy, calendar);
}
