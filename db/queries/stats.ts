/**
 * The SQL behind the statistics (lib/stats). Each condition below is one sentence of
 * `lib/stats/definitions.ts` written in SQL, and the same conditions serve the counts and the
 * drill-down lists, so a figure and the cases behind it cannot disagree. Everything aggregates in
 * SQL (one scan of the area's complaints with FILTER clauses per period, plus one each over ratings,
 * letters and spot checks), ANDed with the policy's `complaintScope(viewer)`, `kind = 'complaint'`
 * and the chosen area.
 */
import { type SQL, sql } from 'drizzle-orm';
import { complaintScope } from '@/lib/auth/policy';
import type { AuthUser, DivisionLevel } from '@/lib/auth/types';
import { OPEN_STATUSES, SATISFIED_LEVELS } from '@/lib/stats/definitions';
import type { DbOrTx } from '../client';
import { queryRow, queryRows } from '../sql';

type Viewer = Pick<AuthUser, 'id' | 'role' | 'jurisdiction'>;

export interface StatsArea {
  code: string;
  name: string;
  level: DivisionLevel;
  /** Codes of the area and its ancestors, the area first. */
  lineage: string[];
}

export interface Bounds {
  start: Date;
  end: Date;
}

const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;
const list = (values: readonly string[]) =>
  sql.raw(`(${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')})`);
const OPEN = list(OPEN_STATUSES);
const SATISFIED = list(SATISFIED_LEVELS);
const MERGED_OR_REJECTED = list(['merged', 'rejected']);

/** A division with its ancestors, or undefined. */
export async function getStatsArea(db: DbOrTx, code: string): Promise<StatsArea | undefined> {
  const row = await queryRow<{ code: string; name: string; level: DivisionLevel; lineage: string[] }>(
    db,
    sql`select d.code, d.name, d.level::text as level,
          array_remove(array[d.code, p.code, g.code, gg.code], null) as lineage
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
export function complaintInArea(area: Pick<StatsArea, 'code' | 'level'>): SQL {
  switch (area.level) {
    case 'village':
      return sql`complaints.village_code = ${area.code}`;
    case 'town':
      return sql`complaints.town_code = ${area.code}`;
    case 'county':
      return sql`complaints.county_code = ${area.code}`;
    case 'city':
      return sql`complaints.county_code in (select stats_c.code from divisions stats_c where stats_c.parent_code = ${area.code})`;
  }
}

/** The population of every statistic: the viewer's complaints of the area, misconduct reports excluded. */
export function statsPopulation(viewer: Viewer, area: Pick<StatsArea, 'code' | 'level'>, extra?: SQL): SQL {
  return sql`(${complaintScope(viewer)} and complaints.kind = 'complaint' and ${complaintInArea(area)}${
    extra ? sql` and ${extra}` : sql``
  })`;
}

const within = (column: SQL, b: Bounds) => sql`(${column} >= ${ts(b.start)} and ${column} < ${ts(b.end)})`;

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
const HANDLING_DAYS = sql`(extract(epoch from (complaints.resolved_at - complaints.submitted_at)) / 86400.0)`;

/** Complaint-row conditions, one per counted quantity (see definitions.ts for the words). */
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
  | 'overdue';

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
];

export function complaintMetricCondition(metric: ComplaintMetric, b: Bounds, now: Date): SQL {
  const submitted = within(sql`complaints.submitted_at`, b);
  const resolved = within(sql`complaints.resolved_at`, b);
  const replied = within(sql`complaints.first_replied_at`, b);
  const notMergedOrRejected = sql`complaints.status not in ${MERGED_OR_REJECTED}`;
  switch (metric) {
    case 'volume':
      return submitted;
    case 'resolved':
      return resolved;
    case 'onTimeNum':
      return sql`(${resolved} and complaints.resolved_at <= complaints.resolve_due_at)`;
    case 'onTimeDen':
      return sql`(${resolved} or (complaints.status in ${OPEN} and ${within(sql`complaints.resolve_due_at`, b)}
        and complaints.resolve_due_at < ${ts(now)}))`;
    case 'dispatchNum':
      return sql`(${submitted} and ${FIRST_DISPATCH} <= complaints.dispatch_due_at)`;
    case 'dispatchDen':
      return sql`(${submitted} and (complaints.dispatched_at is not null
        or (${notMergedOrRejected} and complaints.dispatch_due_at < ${ts(now)})))`;
    case 'replyNum':
      return sql`(${replied} and complaints.first_replied_at <= complaints.first_reply_due_at)`;
    case 'replyDen':
      return sql`(${replied} or (complaints.first_replied_at is null and complaints.status in ${OPEN}
        and ${within(sql`complaints.first_reply_due_at`, b)} and complaints.first_reply_due_at < ${ts(now)}))`;
    case 'returnNum':
      return sql`(${submitted} and complaints.return_count > 0)`;
    case 'returnDen':
      return sql`(${submitted} and complaints.dispatched_at is not null)`;
    case 'reopenNum':
      return sql`(${submitted} and ${notMergedOrRejected} and complaints.reopen_count > 0)`;
    case 'reopenDen':
      return sql`(${submitted} and ${notMergedOrRejected}
        and (complaints.resolved_at is not null or complaints.reopen_count > 0))`;
    case 'overdue':
      return sql`(${within(sql`complaints.resolve_due_at`, b)} and complaints.resolve_due_at < ${ts(now)}
        and ${notMergedOrRejected}
        and (complaints.resolved_at is null or complaints.resolved_at > complaints.resolve_due_at))`;
  }
}

/** Conditions on related rows, as EXISTS over the complaint (drill-down) and as row filters (counts). */
export type RelatedMetric =
  | 'ratingDen'
  | 'ratingNum'
  | 'lettersIssued'
  | 'lettersAnswered'
  | 'checksDone'
  | 'checksPassed';

const RELATED: Record<RelatedMetric, { table: 'ratings' | 'letters' | 'checks'; where: (b: Bounds) => SQL }> =
  {
    ratingDen: { table: 'ratings', where: (b) => within(sql`r.created_at`, b) },
    ratingNum: {
      table: 'ratings',
      where: (b) => sql`(${within(sql`r.created_at`, b)} and r.level::text in ${SATISFIED})`,
    },
    lettersIssued: { table: 'letters', where: (b) => within(sql`l.issued_at`, b) },
    lettersAnswered: {
      table: 'letters',
      where: (b) => sql`(${within(sql`l.issued_at`, b)} and l.answered_at is not null)`,
    },
    checksDone: {
      table: 'checks',
      where: (b) => sql`(${within(sql`s.checked_at`, b)} and s.result in ('passed','failed'))`,
    },
    checksPassed: {
      table: 'checks',
      where: (b) => sql`(${within(sql`s.checked_at`, b)} and s.result = 'passed')`,
    },
  };

export function relatedMetricCondition(metric: RelatedMetric, b: Bounds): SQL {
  const { table, where } = RELATED[metric];
  switch (table) {
    case 'ratings':
      return sql`exists (select 1 from ratings r where r.complaint_id = complaints.id and ${where(b)})`;
    case 'letters':
      return sql`exists (select 1 from supervision_letters l where l.complaint_id = complaints.id and ${where(b)})`;
    case 'checks':
      return sql`exists (select 1 from spot_checks s where s.complaint_id = complaints.id and ${where(b)})`;
  }
}

export type StatsGroupBy = 'none' | 'office' | 'category';

function groupKey(by: StatsGroupBy): SQL {
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

function emptyCounts(): PeriodCounts {
  const c = { handlingSumDays: 0, handlingMedianDays: null } as PeriodCounts;
  for (const m of COMPLAINT_METRICS) c[m] = 0;
  for (const m of Object.keys(RELATED) as RelatedMetric[]) c[m] = 0;
  return c;
}

/**
 * Every counted quantity for each period, grouped (`none`: one group keyed ''). Four statements:
 * complaints (one scan, FILTER per period and metric), ratings, letters, spot checks.
 */
export async function aggregateStats(
  db: DbOrTx,
  params: {
    viewer: Viewer;
    area: Pick<StatsArea, 'code' | 'level'>;
    periods: readonly Bounds[];
    now: Date;
    groupBy: StatsGroupBy;
    /** Only the complaint metrics (and handling time) when false. */
    related?: boolean;
  },
): Promise<Map<string, PeriodCounts[]>> {
  const { periods, now } = params;
  const population = statsPopulation(params.viewer, params.area);
  const g = groupKey(params.groupBy);
  const min = new Date(Math.min(...periods.map((p) => p.start.getTime())));
  const max = new Date(Math.max(...periods.map((p) => p.end.getTime())));
  const span: Bounds = { start: min, end: max };
  const result = new Map<string, PeriodCounts[]>();
  const slot = (key: string, i: number) => {
    let row = result.get(key);
    if (!row) {
      row = periods.map(emptyCounts);
      result.set(key, row);
    }
    return row[i]!;
  };

  const columns: SQL[] = [];
  periods.forEach((p, i) => {
    for (const m of COMPLAINT_METRICS) {
      columns.push(
        sql`(count(*) filter (where ${complaintMetricCondition(m, p, now)}))::int as ${sql.raw(`"${m}_${i}"`)}`,
      );
    }
    const resolved = complaintMetricCondition('resolved', p, now);
    columns.push(
      sql`coalesce(sum(${HANDLING_DAYS}) filter (where ${resolved}), 0)::float8 as ${sql.raw(`"hsum_${i}"`)}`,
    );
    columns.push(
      sql`(percentile_cont(0.5) within group (order by ${HANDLING_DAYS}) filter (where ${resolved}))::float8 as ${sql.raw(`"hmed_${i}"`)}`,
    );
  });
  const relevant = sql`(${within(sql`complaints.submitted_at`, span)} or ${within(sql`complaints.resolved_at`, span)}
    or ${within(sql`complaints.first_replied_at`, span)} or ${within(sql`complaints.resolve_due_at`, span)}
    or ${within(sql`complaints.first_reply_due_at`, span)})`;
  const rows = await queryRows<Record<string, number | string | null>>(
    db,
    sql`select ${g} as g, ${sql.join(columns, sql`, `)}
        from complaints where ${population} and ${relevant} group by 1`,
  );
  for (const row of rows) {
    periods.forEach((_, i) => {
      const c = slot(String(row.g), i);
      for (const m of COMPLAINT_METRICS) c[m] = Number(row[`${m}_${i}`] ?? 0);
      c.handlingSumDays = Number(row[`hsum_${i}`] ?? 0);
      const med = row[`hmed_${i}`];
      c.handlingMedianDays = med === null || med === undefined ? null : Number(med);
    });
  }
  if (params.related === false) return result;

  const relatedQuery = async (
    table: 'ratings' | 'letters' | 'checks',
    from: SQL,
    column: SQL,
    metrics: RelatedMetric[],
  ) => {
    const cols: SQL[] = [];
    periods.forEach((p, i) => {
      for (const m of metrics) {
        cols.push(sql`(count(*) filter (where ${RELATED[m].where(p)}))::int as ${sql.raw(`"${m}_${i}"`)}`);
      }
    });
    const found = await queryRows<Record<string, number | string>>(
      db,
      sql`select ${g} as g, ${sql.join(cols, sql`, `)} from ${from}
          where ${within(column, span)} and ${population} group by 1`,
    );
    for (const row of found) {
      periods.forEach((_, i) => {
        const c = slot(String(row.g), i);
        for (const m of metrics) c[m] = Number(row[`${m}_${i}`] ?? 0);
      });
    }
    return table;
  };
  await relatedQuery(
    'ratings',
    sql`ratings r join complaints on complaints.id = r.complaint_id`,
    sql`r.created_at`,
    ['ratingDen', 'ratingNum'],
  );
  await relatedQuery(
    'letters',
    sql`supervision_letters l join complaints on complaints.id = l.complaint_id`,
    sql`l.issued_at`,
    ['lettersIssued', 'lettersAnswered'],
  );
  await relatedQuery(
    'checks',
    sql`spot_checks s join complaints on complaints.id = s.complaint_id`,
    sql`s.checked_at`,
    ['checksDone', 'checksPassed'],
  );
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
  officeName: string | null;
  villageName: string | null;
  submittedAt: string;
  firstRepliedAt: string | null;
  resolvedAt: string | null;
  resolveDueAt: string | null;
}

/** The cases behind a figure: the population ANDed with one metric's condition (and optional office/category). */
export async function listStatsComplaints(
  db: DbOrTx,
  params: {
    viewer: Viewer;
    area: Pick<StatsArea, 'code' | 'level'>;
    condition: SQL;
    officeId?: number | null;
    category?: string | null;
    limit: number;
    offset: number;
  },
): Promise<{ total: number; rows: StatsComplaintRow[] }> {
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
  const where = statsPopulation(params.viewer, params.area, sql.join(extra, sql` and `));
  const total = await queryRow<{ n: number }>(
    db,
    sql`select count(*)::int as n from complaints where ${where}`,
  );
  const rows = await queryRows<StatsComplaintRow>(
    db,
    sql`select complaints.id::int as id, complaints.tracking_code as "trackingCode", complaints.title,
          complaints.status::text as status, complaints.category_code as "categoryCode", cat.name_zh as "categoryName",
          o.name as "officeName", v.name as "villageName",
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
