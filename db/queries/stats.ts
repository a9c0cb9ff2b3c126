/**
 * The SQL behind the statistics (lib/stats). Each condition below is one sentence of
 * `lib/stats/definitions.ts` written in SQL, and the same conditions serve the counts and the
 * drill-down lists, so a figure and the cases behind it cannot disagree. Everything aggregates in
 * SQL (one scan of the area's complaints with FILTER clauses per period, plus one each over ratings,
 * letters and spot checks), ANDed with the viewer's scope (the policy's `complaintScope(viewer)`,
 * passed in by the verb: lib/stats/stats-scope.server.ts), `kind = 'complaint'` and the chosen area.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { DivisionLevel } from '@/lib/auth/types';
import { OPEN_STATUSES, SATISFIED_LEVELS } from '@/lib/stats/definitions';
import type { DbOrTx } from '../client';
import { queryRow, queryRows } from '../sql';

/** Whose complaints a statistic counts (built by the verb from the viewer: lib/stats/stats-scope.server.ts). */
export interface StatsScope {
  /** The policy's `complaintScope(viewer)`. */
  complaintScope: SQL;
  /** The viewer's division when their jurisdiction is one division, else null. */
  divisionCode: string | null;
}

export interface StatsArea {
  code: string;
  name: string;
  level: DivisionLevel;
  /** Codes of the area and its ancestors, the area first. */
  lineage: string[];
  /** A city's county codes (null below city level): a constant list the planner can estimate. */
  countyCodes: string[] | null;
}

export interface Bounds {
  start: Date;
  end: Date;
}

export const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;
const list = (values: readonly string[]) =>
  sql.raw(`(${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')})`);
export const OPEN = list(OPEN_STATUSES);
const SATISFIED = list(SATISFIED_LEVELS);
export const MERGED_OR_REJECTED = list(['merged', 'rejected']);

/** A division with its ancestors, or undefined. */
export async function getStatsArea(db: DbOrTx, code: string): Promise<StatsArea | undefined> {
  const row = await queryRow<StatsArea & Record<string, unknown>>(
    db,
    sql`select d.code, d.name, d.level::text as level,
          array_remove(array[d.code, p.code, g.code, gg.code], null) as lineage,
          case when d.level = 'city' then array(select k.code from divisions k where k.parent_code = d.code order by k.code) end
            as "countyCodes"
        from divisions d
        left join divisions p on p.code = d.parent_code
        left join divisions g on g.code = p.parent_code
        left join divisions gg on gg.code = g.parent_code
        where d.code = ${code}`,
  );
  return row;
}

export interface AreaChild extends Record<string, unknown> {
  code: string;
  name: string;
  level: DivisionLevel;
  hasChildren: boolean;
}

/** The divisions directly below an area, by code. */
export function listAreaChildren(db: DbOrTx, code: string) {
  return queryRows<AreaChild>(
    db,
    sql`select d.code, d.name, d.level::text as level,
          exists (select 1 from divisions k where k.parent_code = d.code) as "hasChildren"
        from divisions d where d.parent_code = ${code} order by d.code`,
  );
}

/** Complaints inside an area, by their denormalised codes (a city: its counties). */
export type AreaRef = Pick<StatsArea, 'code' | 'level'> & { countyCodes?: string[] | null };

export function complaintInArea(area: AreaRef): SQL {
  switch (area.level) {
    case 'village':
      return sql`complaints.village_code = ${area.code}`;
    case 'town':
      return sql`complaints.town_code = ${area.code}`;
    case 'county':
      return sql`complaints.county_code = ${area.code}`;
    case 'city':
      if (area.countyCodes?.length) {
        return sql`complaints.county_code in (${sql.join(
          area.countyCodes.map((c) => sql`${c}`),
          sql`, `,
        )})`;
      }
      return sql`complaints.county_code in (select stats_c.code from divisions stats_c where stats_c.parent_code = ${area.code})`;
  }
}

/** The population of every statistic: the viewer's complaints of the area, misconduct reports excluded. */
export function statsPopulation(scope: StatsScope, area: AreaRef, extra?: SQL): SQL {
  // The viewer's own division is exactly their scope: a second, equal condition would only make the
  // planner misjudge how many rows pass (and pick nested loops over bitmap scans at 1 M complaints).
  const sameAsScope = scope.divisionCode === area.code;
  return sql`(${scope.complaintScope} and complaints.kind = 'complaint'${
    sameAsScope ? sql`` : sql` and ${complaintInArea(area)}`
  }${extra ? sql` and ${extra}` : sql``})`;
}

export const within = (column: SQL, b: Bounds) =>
  sql`(${column} >= ${ts(b.start)} and ${column} < ${ts(b.end)})`;

/**
 * The first dispatch: `dispatched_at` is overwritten when a returned case is dispatched again, so
 * for returned cases the earliest 'dispatched' event is read (the index on (complaint_id, created_at)
 * answers it; only returned cases pay for it).
 */
const FIRST_DISPATCH = sql`(case when complaints.return_count > 0 then coalesce(
  (select min(stats_e.created_at) from complaint_events stats_e
    where stats_e.complaint_id = complaints.id and stats_e.type = 'dispatched'), complaints.dispatched_at)
  else complaints.dispatched_at end)`;

/** Handling time of a resolved case in days (hours included). */
export const HANDLING_DAYS = sql`(extract(epoch from (complaints.resolved_at - complaints.submitted_at)) / 86400.0)`;

/**
 * Each counted quantity is a pair: the date that places a case in a period, and a condition that
 * does not depend on the period. A case counts in period P when its date falls in P and the
 * condition holds. The counts (one pass, bucketing each date into its period) and the drill-down
 * (date in P and condition) are built from the same pair.
 */
export type ComplaintMetric =
  | 'volume'
  | 'resolved'
  | 'onTimeNum'
  | 'onTimeDen'
  | 'dispatchNum'
  | 'dispatchDen'
  | 'replyNum'
  | 'replyDen'
  | 'returnNum'
  | 'returnDen'
  | 'reopenNum'
  | 'reopenDen'
  | 'overdue'
  | 'noDeadline';

export const COMPLAINT_METRICS: readonly ComplaintMetric[] = [
  'volume',
  'resolved',
  'onTimeNum',
  'onTimeDen',
  'dispatchNum',
  'dispatchDen',
  'replyNum',
  'replyDen',
  'returnNum',
  'returnDen',
  'reopenNum',
  'reopenDen',
  'overdue',
  'noDeadline',
];

/** The placing dates (see definitions.ts: "which dates count"). */
type PlacingDate = 'submitted' | 'resolved' | 'onTimeDue' | 'replied' | 'replyDue' | 'resolveDue';
const PLACING_DATES: readonly PlacingDate[] = [
  'submitted',
  'resolved',
  'onTimeDue',
  'replied',
  'replyDue',
  'resolveDue',
];

function placingDate(date: PlacingDate, now: Date): SQL {
  switch (date) {
    case 'submitted':
      return sql`complaints.submitted_at`;
    case 'resolved':
      return sql`complaints.resolved_at`;
    // resolved: when resolved; open past its resolve deadline: the deadline
    case 'onTimeDue':
      return sql`(case when complaints.resolved_at is not null then complaints.resolved_at
        when complaints.status in ${OPEN} and complaints.resolve_due_at < ${ts(now)} then complaints.resolve_due_at end)`;
    case 'replied':
      return sql`complaints.first_replied_at`;
    // replied: the first reply; open and unanswered past the first-reply deadline: the deadline
    case 'replyDue':
      return sql`(case when complaints.first_replied_at is not null then complaints.first_replied_at
        when complaints.status in ${OPEN} and complaints.first_reply_due_at < ${ts(now)} then complaints.first_reply_due_at end)`;
    case 'resolveDue':
      return sql`complaints.resolve_due_at`;
  }
}

const NOT_MERGED_OR_REJECTED = sql`complaints.status not in ${MERGED_OR_REJECTED}`;

function metricDef(metric: ComplaintMetric, now: Date): { date: PlacingDate; condition: SQL | null } {
  switch (metric) {
    case 'volume':
      return { date: 'submitted', condition: null };
    case 'resolved':
      return { date: 'resolved', condition: null };
    case 'onTimeNum':
      return { date: 'resolved', condition: sql`complaints.resolved_at <= complaints.resolve_due_at` };
    // A case resolved without a resolve deadline (imported history whose source set none) is neither
    // on time nor late: counted apart as 无时限 (noDeadline).
    case 'onTimeDen':
      return { date: 'onTimeDue', condition: sql`complaints.resolve_due_at is not null` };
    case 'noDeadline':
      return {
        date: 'resolved',
        condition: sql`(complaints.resolve_due_at is null and complaints.status in ('resolved', 'closed'))`,
      };
    case 'dispatchNum':
      return { date: 'submitted', condition: sql`${FIRST_DISPATCH} <= complaints.dispatch_due_at` };
    case 'dispatchDen':
      return {
        date: 'submitted',
        condition: sql`(complaints.dispatched_at is not null
          or (${NOT_MERGED_OR_REJECTED} and complaints.dispatch_due_at < ${ts(now)}))`,
      };
    case 'replyNum':
      return {
        date: 'replied',
        condition: sql`complaints.first_replied_at <= complaints.first_reply_due_at`,
      };
    case 'replyDen':
      return { date: 'replyDue', condition: null };
    case 'returnNum':
      return { date: 'submitted', condition: sql`complaints.return_count > 0` };
    case 'returnDen':
      return { date: 'submitted', condition: sql`complaints.dispatched_at is not null` };
    case 'reopenNum':
      return {
        date: 'submitted',
        condition: sql`(${NOT_MERGED_OR_REJECTED} and complaints.reopen_count > 0)`,
      };
    case 'reopenDen':
      return {
        date: 'submitted',
        condition: sql`(${NOT_MERGED_OR_REJECTED}
          and (complaints.resolved_at is not null or complaints.reopen_count > 0))`,
      };
    case 'overdue':
      return {
        date: 'resolveDue',
        condition: sql`(complaints.resolve_due_at < ${ts(now)} and ${NOT_MERGED_OR_REJECTED}
          and (complaints.resolved_at is null or complaints.resolved_at > complaints.resolve_due_at))`,
      };
  }
}

/** A complaint counted in `metric` for the period (the drill-down's condition). */
export function complaintMetricCondition(metric: ComplaintMetric, b: Bounds, now: Date): SQL {
  const { date, condition } = metricDef(metric, now);
  const placed = within(placingDate(date, now), b);
  return condition ? sql`(${placed} and ${condition})` : placed;
}

/** Quantities counted on related rows (ratings, letters, spot checks), each placed by its own date. */
export type RelatedMetric =
  | 'ratingDen'
  | 'ratingNum'
  | 'lettersIssued'
  | 'lettersAnswered'
  | 'checksDone'
  | 'checksPassed';

type RelatedTable = 'ratings' | 'letters' | 'checks';

const RELATED_TABLES: Record<RelatedTable, { from: SQL; date: SQL }> = {
  ratings: { from: sql`ratings rel`, date: sql`rel.created_at` },
  letters: { from: sql`supervision_letters rel`, date: sql`rel.issued_at` },
  checks: { from: sql`spot_checks rel`, date: sql`rel.checked_at` },
};

const RELATED: Record<RelatedMetric, { table: RelatedTable; condition: SQL | null }> = {
  ratingDen: { table: 'ratings', condition: null },
  ratingNum: { table: 'ratings', condition: sql`rel.level::text in ${SATISFIED}` },
  lettersIssued: { table: 'letters', condition: null },
  lettersAnswered: { table: 'letters', condition: sql`rel.answered_at is not null` },
  checksDone: { table: 'checks', condition: sql`rel.result in ('passed','failed')` },
  checksPassed: { table: 'checks', condition: sql`rel.result = 'passed'` },
};
const RELATED_METRICS = Object.keys(RELATED) as RelatedMetric[];

/** A complaint with at least one related row counted in `metric` for the period (the drill-down). */
export function relatedMetricCondition(metric: RelatedMetric, b: Bounds): SQL {
  const { table, condition } = RELATED[metric];
  const t = RELATED_TABLES[table];
  return sql`exists (select 1 from ${t.from} where rel.complaint_id = complaints.id and ${within(t.date, b)}${
    condition ? sql` and ${condition}` : sql``
  })`;
}

export type StatsGroupBy = 'none' | 'office' | 'category';

export function groupKey(by: StatsGroupBy): SQL {
  switch (by) {
    case 'none':
      return sql`''`;
    case 'office':
      return sql`coalesce(complaints.responsible_office_id::text, '')`;
    case 'category':
      return sql`coalesce(left(complaints.category_code, 2), '')`;
  }
}

/** Counts of one period (and one group). */
export interface PeriodCounts extends Record<ComplaintMetric | RelatedMetric, number> {
  handlingSumDays: number;
  handlingMedianDays: number | null;
}

export function emptyPeriodCounts(): PeriodCounts {
  const c = { handlingSumDays: 0, handlingMedianDays: null } as PeriodCounts;
  for (const m of COMPLAINT_METRICS) c[m] = 0;
  for (const m of RELATED_METRICS) c[m] = 0;
  return c;
}

/** The index of the period a date falls in (periods do not overlap), or null. */
export function periodIndex(date: SQL, periods: readonly Bounds[]): SQL {
  const arms = periods.map(
    (p, i) => sql`when ${date} >= ${ts(p.start)} and ${date} < ${ts(p.end)} then ${sql.raw(String(i))}`,
  );
  return sql`(case ${sql.join(arms, sql` `)} end)`;
}

/**
 * Every counted quantity for each period (periods must not overlap), grouped (`none`: one group
 * keyed ''). One pass over the area's complaints: each complaint is placed once per placing date
 * into the period that date falls in, and each quantity counts the placements of its date whose
 * condition holds; then one statement each over ratings, letters and spot checks of the periods.
 */
export async function aggregateStatsRaw(
  db: DbOrTx,
  params: {
    scope: StatsScope;
    area: AreaRef;
    periods: readonly Bounds[];
    now: Date;
    groupBy: StatsGroupBy;
    /** Whether to compute the median handling time (default true; a caller with a histogram skips it). */
    medians?: boolean;
  },
): Promise<Map<string, PeriodCounts[]>> {
  const { periods, now } = params;
  const sorted = [...periods].sort((a, b) => a.start.getTime() - b.start.getTime());
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.start < sorted[i - 1]!.end) throw new Error('aggregateStats: periods overlap');
  }
  const population = statsPopulation(params.scope, params.area);
  const g = groupKey(params.groupBy);
  const span: Bounds = { start: sorted[0]!.start, end: sorted.at(-1)!.end };
  const result = new Map<string, PeriodCounts[]>();
  const slot = (key: string, i: number) => {
    let row = result.get(key);
    if (!row) {
      row = periods.map(emptyPeriodCounts);
      result.set(key, row);
    }
    return row[i]!;
  };

  const metricColumn = (m: ComplaintMetric, where: SQL | null) =>
    sql`(count(*) filter (where ${where ?? sql`true`}))::int as ${sql.raw(`"${m}"`)}`;
  const read = (
    row: Record<string, number | string | null>,
    i: number,
    metrics: readonly ComplaintMetric[],
  ) => {
    const c = slot(String(row.g), i);
    for (const m of metrics) c[m] = Number(row[m] ?? 0);
    if (row.hsum !== undefined) c.handlingSumDays = Number(row.hsum ?? 0);
  };
  const handlingSum = (where: SQL) => sql`coalesce(sum(${HANDLING_DAYS}) filter (where ${where}), 0)::float8`;
  if (periods.length <= 2) {
    // Cards and rankings: one pass over the complaints of the span, a FILTER per period and quantity.
    const columns: SQL[] = [];
    periods.forEach((p, i) => {
      for (const m of COMPLAINT_METRICS) {
        columns.push(
          sql`(count(*) filter (where ${complaintMetricCondition(m, p, now)}))::int as ${sql.raw(`"${m}_${i}"`)}`,
        );
      }
      columns.push(
        sql`${handlingSum(complaintMetricCondition('resolved', p, now))} as ${sql.raw(`"hsum_${i}"`)}`,
      );
    });
    const relevant = sql`(${within(sql`complaints.submitted_at`, span)} or ${within(sql`complaints.resolved_at`, span)}
      or ${within(sql`complaints.first_replied_at`, span)} or ${within(sql`complaints.resolve_due_at`, span)}
      or ${within(sql`complaints.first_reply_due_at`, span)})`;
    const rows = await queryRows<Record<string, number | string | null>>(
      db,
      sql`select ${g} as g, ${sql.join(columns, sql`, `)} from complaints where ${population} and ${relevant} group by 1`,
    );
    for (const row of rows) {
      periods.forEach((_, i) => {
        const renamed: Record<string, number | string | null> = { g: row.g!, hsum: row[`hsum_${i}`] ?? 0 };
        for (const m of COMPLAINT_METRICS) renamed[m] = row[`${m}_${i}`] ?? 0;
        read(renamed, i, COMPLAINT_METRICS);
      });
    }
  } else {
    // Trends: per placing date, one pass over the complaints whose date falls in the span, grouped
    // by the period it falls in (many periods would multiply the FILTERs of a single pass).
    for (const date of PLACING_DATES) {
      const metrics = COMPLAINT_METRICS.filter((m) => metricDef(m, now).date === date);
      const placed = placingDate(date, now);
      const index = periodIndex(placed, periods);
      const columns = metrics.map((m) => metricColumn(m, metricDef(m, now).condition));
      if (date === 'resolved') columns.push(sql`${handlingSum(sql`true`)} as hsum`);
      const rows = await queryRows<Record<string, number | string | null>>(
        db,
        sql`select ${g} as g, ${index} as i, ${sql.join(columns, sql`, `)}
            from complaints where ${population} and ${within(placed, span)} and ${index} is not null
            group by 1, 2`,
      );
      for (const row of rows) read(row, Number(row.i), metrics);
    }
  }
  // The median apart: an ordered-set aggregate sorts its rows, so only the resolved cases go through it.
  const resolvedIndex = periodIndex(sql`complaints.resolved_at`, periods);
  const medians =
    params.medians === false
      ? []
      : await queryRows<{ g: string; i: number; hmed: number | null }>(
          db,
          sql`select ${g} as g, ${resolvedIndex} as i,
          (percentile_cont(0.5) within group (order by ${HANDLING_DAYS}))::float8 as hmed
        from complaints
        where ${population} and ${within(sql`complaints.resolved_at`, span)} and ${resolvedIndex} is not null
        group by 1, 2`,
        );
  for (const row of medians) {
    slot(String(row.g), Number(row.i)).handlingMedianDays = row.hmed === null ? null : Number(row.hmed);
  }

  for (const table of ['ratings', 'letters', 'checks'] as const) {
    const t = RELATED_TABLES[table];
    const metrics = RELATED_METRICS.filter((m) => RELATED[m].table === table);
    const cols = metrics.map((m) => {
      const condition = RELATED[m].condition;
      return sql`(count(*) ${condition ? sql`filter (where ${condition})` : sql``})::int as ${sql.raw(`"${m}"`)}`;
    });
    // The related rows of the span first (their date index), then their complaints by primary key.
    const found = await queryRows<Record<string, number | string>>(
      db,
      sql`with rel as materialized (
            select rel.*, ${periodIndex(t.date, periods)} as i from ${t.from} where ${within(t.date, span)}
          )
          select ${g} as g, rel.i, ${sql.join(cols, sql`, `)}
          from rel join complaints on complaints.id = rel.complaint_id
          where rel.i is not null and ${population}
          group by 1, 2`,
    );
    for (const row of found) {
      const c = slot(String(row.g), Number(row.i));
      for (const m of metrics) c[m] = Number(row[m] ?? 0);
    }
  }
  return result;
}

// ---- drill-down ------------------------------------------------------------------------------------

export interface StatsComplaintRow extends Record<string, unknown> {
  id: number;
  trackingCode: string;
  title: string;
  status: string;
  categoryCode: string | null;
  categoryName: string | null;
  categoryNameEn: string | null;
  officeName: string | null;
  villageName: string | null;
  submittedAt: string;
  firstRepliedAt: string | null;
  resolvedAt: string | null;
  resolveDueAt: string | null;
}

/** The cases behind a figure: the population ANDed with one metric's condition (and optional office/category). */
export function statsListWhere(params: {
  scope: StatsScope;
  area: AreaRef;
  condition: SQL;
  officeId?: number | null;
  category?: string | null;
}): SQL {
  const extra: SQL[] = [params.condition];
  if (params.officeId !== undefined && params.officeId !== null) {
    extra.push(sql`complaints.responsible_office_id = ${params.officeId}`);
  }
  if (params.category !== undefined && params.category !== null) {
    extra.push(
      params.category === ''
        ? sql`complaints.category_code is null`
        : sql`left(complaints.category_code, 2) = ${params.category}`,
    );
  }
  return statsPopulation(params.scope, params.area, sql.join(extra, sql` and `));
}

/** One page of the cases behind a figure (newest first) and their total. */
export async function listStatsComplaints(
  db: DbOrTx,
  params: {
    scope: StatsScope;
    area: AreaRef;
    condition: SQL;
    officeId?: number | null;
    category?: string | null;
    limit: number;
    offset: number;
  },
): Promise<{ total: number; rows: StatsComplaintRow[] }> {
  const where = statsListWhere(params);
  const total = await queryRow<{ n: number }>(
    db,
    sql`select count(*)::int as n from complaints where ${where}`,
  );
  const rows = await queryRows<StatsComplaintRow>(
    db,
    sql`select complaints.id::int as id, complaints.tracking_code as "trackingCode", complaints.title,
          complaints.status::text as status, complaints.category_code as "categoryCode", cat.name_zh as "categoryName",
          cat.name_en as "categoryNameEn", o.name as "officeName", v.name as "villageName",
          complaints.submitted_at as "submittedAt", complaints.first_replied_at as "firstRepliedAt",
          complaints.resolved_at as "resolvedAt", complaints.resolve_due_at as "resolveDueAt"
        from complaints
        left join categories cat on cat.code = complaints.category_code
        left join offices o on o.id = complaints.responsible_office_id
        left join divisions v on v.code = complaints.village_code
        where ${where}
        order by complaints.submitted_at desc, complaints.id desc
        limit ${params.limit} offset ${params.offset}`,
  );
  return {
    total: total?.n ?? 0,
    rows: rows.map((r) => ({
      ...r,
      submittedAt: new Date(r.submittedAt).toISOString(),
      firstRepliedAt: r.firstRepliedAt ? new Date(r.firstRepliedAt).toISOString() : null,
      resolvedAt: r.resolvedAt ? new Date(r.resolvedAt).toISOString() : null,
      resolveDueAt: r.resolveDueAt ? new Date(r.resolveDueAt).toISOString() : null,
    })),
  };
}

// ---- names -----------------------------------------------------------------------------------------

export function listOfficeNames(db: DbOrTx, ids: readonly number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return queryRows<{ id: number; name: string; tier: string; kind: string }>(
    db,
    sql`select id, name, tier::text as tier, kind::text as kind from offices
        where id = any(${sql.param(ids)}::int[])`,
  );
}

export function listLevel1Categories(db: DbOrTx) {
  return queryRows<{ code: string; nameZh: string; nameEn: string; color: string }>(
    db,
    sql`select code, name_zh as "nameZh", name_en as "nameEn", color from categories where level = 1 order by sort_order, code`,
  );
}

// ---- settings --------------------------------------------------------------------------------------

export async function getSetting(db: DbOrTx, key: string): Promise<unknown | undefined> {
  const row = await queryRow<{ value: unknown }>(db, sql`select value from settings where key = ${key}`);
  return row?.value;
}

export async function putSetting(db: DbOrTx, key: string, value: unknown, userId: number, now: Date) {
  await db.execute(
    sql`insert into settings (key, value, updated_by_user_id, updated_at)
        values (${key}, ${JSON.stringify(value)}::jsonb, ${userId}, ${ts(now)})
        on conflict (key) do update set value = excluded.value,
          updated_by_user_id = excluded.updated_by_user_id, updated_at = excluded.updated_at`,
  );
}
