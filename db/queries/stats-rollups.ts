/**
 * Reading the statistics rollups (migrations 0026/0027: `complaint_stats_rollups`,
 * `complaint_stats_durations`; 0036/0037: the same per CST day, `complaint_stats_daily`,
 * `complaint_stats_daily_durations`): sums of whole CST months and of whole CST days for one area,
 * and the corrections for "now". The rollups count the deadline-dependent quantities as if every deadline had passed; the
 * cases whose deadline is still ahead of `now` are few (found through the due-date indexes) and are
 * subtracted here, condition for condition as db/queries/stats.ts places them.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { queryRows } from '../sql';
import {
  type AreaRef,
  type Bounds,
  groupKey,
  MERGED_OR_REJECTED,
  OPEN,
  type PeriodCounts,
  periodIndex,
  type StatsGroupBy,
  type StatsScope,
  statsPopulation,
  ts,
  within,
} from './stats';

/** The rollup columns, by the name of the count they feed. */
const ROLLUP_COLUMNS: Record<
  Exclude<keyof PeriodCounts, 'handlingSumDays' | 'handlingMedianDays'>,
  string
> = {
  volume: 'volume',
  resolved: 'resolved',
  onTimeNum: 'on_time_num',
  onTimeDen: 'on_time_den',
  noDeadline: 'no_deadline',
  dispatchNum: 'dispatch_num',
  dispatchDen: 'dispatch_den',
  replyNum: 'reply_num',
  replyDen: 'reply_den',
  returnNum: 'return_num',
  returnDen: 'return_den',
  reopenNum: 'reopen_num',
  reopenDen: 'reopen_den',
  overdue: 'overdue',
  ratingDen: 'rating_den',
  ratingNum: 'rating_num',
  lettersIssued: 'letters_issued',
  lettersAnswered: 'letters_answered',
  checksDone: 'checks_done',
  checksPassed: 'checks_passed',
};
export const ROLLUP_COUNTS = Object.keys(ROLLUP_COLUMNS) as (keyof typeof ROLLUP_COLUMNS)[];

function rollupGroupKey(by: StatsGroupBy): SQL {
  switch (by) {
    case 'none':
      return sql`''`;
    case 'office':
      return sql`(case when r.office_id = 0 then '' else r.office_id::text end)`;
    case 'category':
      return sql`r.category`;
  }
}

export type RollupRow = { g: string; month: string; handlingSeconds: number } & Record<
  (typeof ROLLUP_COUNTS)[number],
  number
>;

/** The rollups of an area for whole months ('YYYY-MM-01'), summed per group and month. */
export function sumStatsRollups(
  db: DbOrTx,
  params: { areaCode: string; months: readonly string[]; groupBy: StatsGroupBy },
) {
  const sums = ROLLUP_COUNTS.map(
    (k) => sql`sum(r.${sql.raw(ROLLUP_COLUMNS[k])})::int as ${sql.raw(`"${k}"`)}`,
  );
  return queryRows<RollupRow>(
    db,
    sql`select ${rollupGroupKey(params.groupBy)} as g, to_char(r.month, 'YYYY-MM-DD') as month,
          ${sql.join(sums, sql`, `)}, sum(r.handling_seconds)::float8 as "handlingSeconds"
        from complaint_stats_rollups r
        where r.area_code = ${params.areaCode} and r.month = any(${sql.param(params.months)}::date[])
        group by 1, 2`,
  );
}

/** A span of whole CST days: `from` inclusive, `to` exclusive ('YYYY-MM-DD'), counted into period `i`. */
export interface DaySpan {
  from: string;
  to: string;
  i: number;
}

const dayIndex = (spans: readonly DaySpan[]) =>
  sql`(case ${sql.join(
    spans.map(
      (s) => sql`when r.day >= ${s.from}::date and r.day < ${s.to}::date then ${sql.raw(String(s.i))}`,
    ),
    sql` `,
  )} end)`;
/** Only the spans' days (not the whole months between them): one index range per span. */
const daysOf = (spans: readonly DaySpan[]) =>
  sql`(${sql.join(
    spans.map((s) => sql`(r.day >= ${s.from}::date and r.day < ${s.to}::date)`),
    sql` or `,
  )})`;

/**
 * The daily rollups of an area (a city, county or town: villages have none) for spans of whole days,
 * summed per group and period index.
 */
export function sumDailyStatsRollups(
  db: DbOrTx,
  params: { areaCode: string; spans: readonly DaySpan[]; groupBy: StatsGroupBy },
) {
  const sums = ROLLUP_COUNTS.map(
    (k) => sql`sum(r.${sql.raw(ROLLUP_COLUMNS[k])})::int as ${sql.raw(`"${k}"`)}`,
  );
  const i = dayIndex(params.spans);
  return queryRows<Omit<RollupRow, 'month'> & { i: number }>(
    db,
    sql`select ${rollupGroupKey(params.groupBy)} as g, ${i} as i,
          ${sql.join(sums, sql`, `)}, sum(r.handling_seconds)::float8 as "handlingSeconds"
        from complaint_stats_daily r
        where r.area_code = ${params.areaCode} and ${daysOf(params.spans)}
        group by 1, 2`,
  );
}

/** The daily hourly handling-time histogram of an area (not a village) for spans of whole days. */
export function listDailyDurationBuckets(
  db: DbOrTx,
  params: { areaCode: string; spans: readonly DaySpan[] },
) {
  const i = dayIndex(params.spans);
  return queryRows<{ i: number; hour: number; n: number; seconds: number }>(
    db,
    sql`select ${i} as i, r.hour, sum(r.n)::int as n, sum(r.seconds)::float8 as seconds
        from complaint_stats_daily_durations r
        where r.area_code = ${params.areaCode} and ${daysOf(params.spans)}
        group by 1, 2 having sum(r.n) <> 0`,
  );
}

/** The hourly handling-time histogram of an area for whole months, per month. */
export function listDurationBuckets(db: DbOrTx, params: { areaCode: string; months: readonly string[] }) {
  return queryRows<{ month: string; hour: number; n: number; seconds: number }>(
    db,
    sql`select to_char(month, 'YYYY-MM-DD') as month, hour, n, seconds::float8 as seconds
        from complaint_stats_durations
        where area_code = ${params.areaCode} and month = any(${sql.param(params.months)}::date[]) and n <> 0`,
  );
}

/** The same histogram computed from the complaints, for a span of partial days. */
export function listRawDurationBuckets(
  db: DbOrTx,
  params: { scope: StatsScope; area: AreaRef; span: Bounds },
) {
  const secs = sql`extract(epoch from (complaints.resolved_at - complaints.submitted_at))`;
  return queryRows<{ hour: number; n: number; seconds: number }>(
    db,
    sql`select floor(${secs} / 3600)::int as hour, count(*)::int as n, sum(${secs})::float8 as seconds
        from complaints
        where ${statsPopulation(params.scope, params.area)} and ${within(sql`complaints.resolved_at`, params.span)}
        group by 1`,
  );
}

export interface DeadlineCorrection {
  g: string;
  i: number;
  onTimeDen: number;
  overdue: number;
  replyDen: number;
  dispatchDen: number;
}

/**
 * What the rollups of the month blocks and day spans (index i of `blocks`) count too many at `now`: cases whose
 * deadline is at or after `now` are not yet past it (db/queries/stats.ts metricDef):
 * - on-time denominator and overdue, placed by the resolve deadline: unresolved open cases, and
 *   (overdue) cases not merged or rejected that are unresolved or resolved after the deadline;
 * - first-reply denominator, placed by the first-reply deadline: open unanswered cases;
 * - dispatch denominator, placed by submission: undispatched cases not merged or rejected.
 */
export async function listDeadlineCorrections(
  db: DbOrTx,
  params: { scope: StatsScope; area: AreaRef; blocks: readonly Bounds[]; now: Date; groupBy: StatsGroupBy },
): Promise<DeadlineCorrection[]> {
  const { blocks, now } = params;
  if (blocks.length === 0) return [];
  const sorted = [...blocks].sort((a, b) => a.start.getTime() - b.start.getTime());
  const end = sorted.at(-1)!.end;
  if (end <= now) return []; // every deadline in the blocks has passed
  const population = statsPopulation(params.scope, params.area);
  const g = groupKey(params.groupBy);
  const span = { start: sorted[0]!.start, end };
  const out: DeadlineCorrection[] = [];
  const add = (
    rows: Record<string, number | string>[],
    field: keyof DeadlineCorrection,
    field2?: keyof DeadlineCorrection,
  ) => {
    for (const r of rows) {
      if (r.i === null || r.i === undefined) continue;
      const c: DeadlineCorrection = {
        g: String(r.g),
        i: Number(r.i),
        onTimeDen: 0,
        overdue: 0,
        replyDen: 0,
        dispatchDen: 0,
      };
      (c[field] as number) = Number(r.a ?? 0);
      if (field2) (c[field2] as number) = Number(r.b ?? 0);
      out.push(c);
    }
  };
  const due = sql`complaints.resolve_due_at`;
  add(
    await queryRows(
      db,
      sql`select ${g} as g, ${periodIndex(due, blocks)} as i,
            (count(*) filter (where complaints.resolved_at is null and complaints.status in ${OPEN}))::int as a,
            (count(*) filter (where complaints.status not in ${MERGED_OR_REJECTED}))::int as b
          from complaints
          where (complaints.resolved_at is null or complaints.resolved_at > ${due})
            and ${due} >= ${ts(now)} and ${within(due, span)} and ${population}
          group by 1, 2`,
    ),
    'onTimeDen',
    'overdue',
  );
  const replyDue = sql`complaints.first_reply_due_at`;
  add(
    await queryRows(
      db,
      sql`select ${g} as g, ${periodIndex(replyDue, blocks)} as i, count(*)::int as a
          from complaints
          where complaints.first_replied_at is null and ${replyDue} >= ${ts(now)} and ${within(replyDue, span)}
            and complaints.status in ${OPEN} and ${population}
          group by 1, 2`,
    ),
    'replyDen',
  );
  const submitted = sql`complaints.submitted_at`;
  add(
    await queryRows(
      db,
      sql`select ${g} as g, ${periodIndex(submitted, blocks)} as i, count(*)::int as a
          from complaints
          where complaints.dispatched_at is null and complaints.dispatch_due_at >= ${ts(now)}
            and ${within(submitted, span)} and complaints.status not in ${MERGED_OR_REJECTED} and ${population}
          group by 1, 2`,
    ),
    'dispatchDen',
  );
  return out;
}
