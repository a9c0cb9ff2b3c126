/** Deadline policies and the working-day calendar, as lib/sla's pure maths wants them. */
import { asc } from 'drizzle-orm';
import type { DeadlinePolicy, WorkCalendar } from '@/lib/sla/compute-deadlines';
import type { DbOrTx } from '../client';
import { calendarDays, deadlinePolicies } from '../schema';

export async function listDeadlinePolicies(db: DbOrTx): Promise<DeadlinePolicy[]> {
  return db
    .select({
      categoryCode: deadlinePolicies.categoryCode,
      tier: deadlinePolicies.tier,
      urgencyCode: deadlinePolicies.urgencyCode,
      dispatchHours: deadlinePolicies.dispatchHours,
      firstReplyDays: deadlinePolicies.firstReplyDays,
      resolveDays: deadlinePolicies.resolveDays,
      workingDays: deadlinePolicies.workingDays,
    })
    .from(deadlinePolicies)
    .orderBy(asc(deadlinePolicies.id));
}

/** Holidays and 调休 workdays (only the exceptions are stored). */
export async function getWorkCalendar(db: DbOrTx): Promise<WorkCalendar> {
  const rows = await db
    .select({ day: calendarDays.day, isWorkday: calendarDays.isWorkday })
    .from(calendarDays);
  return {
    holidays: new Set(rows.filter((r) => !r.isWorkday).map((r) => r.day)),
    workdays: new Set(rows.filter((r) => r.isWorkday).map((r) => r.day)),
  };
}
