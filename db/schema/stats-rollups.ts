/**
 * Statistics rollups (issue 17): every counted quantity of `lib/stats/definitions.ts` per area (each
 * level: city, county, town, village) × current first-responsible office × level-1 category × CST
 * month of the quantity's placing date, and an hourly histogram of handling times per area and
 * month of resolution. Kept exact by statement-level triggers on `complaints`, `ratings`,
 * `supervision_letters`, `spot_checks` and `complaint_events` (migration `stats_rollups_triggers`).
 * Deadline-dependent quantities are stored as if every deadline had passed; readers subtract the
 * few cases whose deadline is still ahead (db/queries/stats-rollups.ts). The same quantities and
 * histogram per CST day (city, county and town only; villages read partial days raw) answer the
 * partial months at either end of a custom range.
 */
import { date, integer, numeric, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

const count = (name: string) => integer(name).notNull().default(0);

/** The counted columns, shared by the monthly and the daily table. */
const counts = () => ({
  volume: count('volume'),
  resolved: count('resolved'),
  onTimeNum: count('on_time_num'),
  /** Resolved with a deadline (date of resolution) + open with a deadline (date of the deadline). */
  onTimeDen: count('on_time_den'),
  noDeadline: count('no_deadline'),
  dispatchNum: count('dispatch_num'),
  /** Dispatched, or undispatched with a dispatch deadline (not merged or rejected). */
  dispatchDen: count('dispatch_den'),
  replyNum: count('reply_num'),
  /** Replied (date of the reply) + open unreplied with a deadline (date of the deadline). */
  replyDen: count('reply_den'),
  returnNum: count('return_num'),
  returnDen: count('return_den'),
  reopenNum: count('reopen_num'),
  reopenDen: count('reopen_den'),
  /** Not merged or rejected, resolve deadline on the date, unresolved or resolved after it. */
  overdue: count('overdue'),
  /** Seconds from submission to the latest resolution, summed over `resolved` (exact). */
  handlingSeconds: numeric('handling_seconds').notNull().default('0'),
  ratingDen: count('rating_den'),
  ratingNum: count('rating_num'),
  lettersIssued: count('letters_issued'),
  lettersAnswered: count('letters_answered'),
  checksDone: count('checks_done'),
  checksPassed: count('checks_passed'),
});

export const complaintStatsRollups = pgTable(
  'complaint_stats_rollups',
  {
    /** A division code of any level (the complaint's village, town, county and the county's city). */
    areaCode: text('area_code').notNull(),
    /** The current first-responsible office; 0 when none. */
    officeId: integer('office_id').notNull(),
    /** The first two characters of the category code; '' when uncategorised. */
    category: text('category').notNull(),
    /** First day of the CST month the quantity's placing date falls in. */
    month: date('month').notNull(),
    ...counts(),
  },
  (t) => [
    primaryKey({
      name: 'complaint_stats_rollups_pk',
      columns: [t.areaCode, t.month, t.officeId, t.category],
    }),
  ],
);

export const complaintStatsDurations = pgTable(
  'complaint_stats_durations',
  {
    areaCode: text('area_code').notNull(),
    /** First day of the CST month of resolution. */
    month: date('month').notNull(),
    /** Whole hours from submission to the latest resolution (floor). */
    hour: integer('hour').notNull(),
    n: count('n'),
    /** The exact seconds summed over the bucket's cases (their mean lies inside the hour). */
    seconds: numeric('seconds').notNull().default('0'),
  },
  (t) => [primaryKey({ name: 'complaint_stats_durations_pk', columns: [t.areaCode, t.month, t.hour] })],
);

/** As `complaint_stats_rollups` per CST day instead of month, for cities, counties and towns. */
export const complaintStatsDaily = pgTable(
  'complaint_stats_daily',
  {
    areaCode: text('area_code').notNull(),
    /** The CST day the quantity's placing date falls on. */
    day: date('day').notNull(),
    officeId: integer('office_id').notNull(),
    category: text('category').notNull(),
    ...counts(),
  },
  (t) => [
    primaryKey({ name: 'complaint_stats_daily_pk', columns: [t.areaCode, t.day, t.officeId, t.category] }),
  ],
);

/** As `complaint_stats_durations` per CST day of resolution, for cities, counties and towns. */
export const complaintStatsDailyDurations = pgTable(
  'complaint_stats_daily_durations',
  {
    areaCode: text('area_code').notNull(),
    day: date('day').notNull(),
    hour: integer('hour').notNull(),
    n: count('n'),
    seconds: numeric('seconds').notNull().default('0'),
  },
  (t) => [primaryKey({ name: 'complaint_stats_daily_durations_pk', columns: [t.areaCode, t.day, t.hour] })],
);
