/**
 * SQL of the surge alerts (`lib/alerts/`): the counts the model reads, the areas, the stored alerts
 * and their subscriptions. Counts are of ordinary complaints (kind 'complaint', never misconduct
 * reports, nor cases waiting for manual dispatch under the fallback category) by level-1 category (the code's first two letters) and the area codes each complaint carries.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { queryRow, queryRows } from '../sql';

/**
 * A case still waiting in the manual dispatch queue carries the fallback category (其他问题, QT03,
 * `TRIAGE_FALLBACK_CATEGORY`) only because triage could not tell one: it is no topic yet, so it is
 * left out until staff dispatch it (a burst of unclassifiable texts would otherwise read as a surge of 其他).
 */
const COUNTED = sql`c.kind = 'complaint' and c.category_code is not null
  and not (c.status = 'triaged' and c.category_code = 'QT03')`;

/**
 * A complaint's town and county as the division tree has them above its village (its own codes when
 * it has no village), so every count nests: a village's complaints are its town's and its county's.
 */
const PLACE_JOIN = sql`left join divisions pv on pv.code = c.village_code
  left join divisions pt on pt.code = pv.parent_code`;
const TOWN = sql`coalesce(pv.parent_code, c.town_code)`;
const COUNTY = sql`coalesce(pt.parent_code, c.county_code)`;

export interface PlaceCountRow extends Record<string, unknown> {
  county_code: string | null;
  town_code: string | null;
  village_code: string | null;
  category: string;
  n: number;
}

/** Counts per place × level-1 category submitted in [from, to). */
export async function countByPlace(db: DbOrTx, p: { from: Date; to: Date }): Promise<PlaceCountRow[]> {
  const rows = await queryRows<PlaceCountRow>(
    db,
    sql`select ${COUNTY} as county_code, ${TOWN} as town_code, c.village_code, left(c.category_code, 2) as category,
          count(*)::int as n
        from complaints c ${PLACE_JOIN}
        where ${COUNTED} and c.submitted_at >= ${p.from.toISOString()} and c.submitted_at < ${p.to.toISOString()}
        group by 1, 2, 3, 4`,
  );
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/** Whole-population counts in [from, to) by weekday (Monday 0) and whether on or after `lateFrom`. */
export async function countByWeekday(
  db: DbOrTx,
  p: { from: Date; to: Date; lateFrom: Date },
): Promise<{ weekday: number; late: boolean; n: number }[]> {
  const rows = await queryRows<{ weekday: number; late: boolean; n: number }>(
    db,
    sql`select extract(isodow from c.submitted_at at time zone 'Asia/Shanghai')::int - 1 as weekday,
          c.submitted_at >= ${p.lateFrom.toISOString()} as late, count(*)::int as n
        from complaints c
        where ${COUNTED} and c.submitted_at >= ${p.from.toISOString()} and c.submitted_at < ${p.to.toISOString()}
        group by 1, 2`,
  );
  return rows.map((r) => ({ weekday: Number(r.weekday), late: Boolean(r.late), n: Number(r.n) }));
}

/** Counts per place × level-1 category × day (0 today) submitted in [from, now]. */
export async function countRecentByPlace(
  db: DbOrTx,
  p: { from: Date; now: Date; today: string },
): Promise<(PlaceCountRow & { days_ago: number })[]> {
  const rows = await queryRows<PlaceCountRow & { days_ago: number }>(
    db,
    sql`select ${COUNTY} as county_code, ${TOWN} as town_code, c.village_code, left(c.category_code, 2) as category,
          (${p.today}::date - (c.submitted_at at time zone 'Asia/Shanghai')::date)::int as days_ago,
          count(*)::int as n
        from complaints c ${PLACE_JOIN}
        where ${COUNTED} and c.submitted_at >= ${p.from.toISOString()} and c.submitted_at <= ${p.now.toISOString()}
        group by 1, 2, 3, 4, 5`,
  );
  return rows.map((r) => ({ ...r, n: Number(r.n), days_ago: Number(r.days_ago) }));
}

export interface AlertAreaRow extends Record<string, unknown> {
  code: string;
  level: 'city' | 'county' | 'town' | 'village';
  parent_code: string | null;
  /** The division's own name (韭菜坪村村民委员会). */
  name: string;
  /** The short path from the county down (盐边县格萨拉彝族乡韭菜坪村). */
  full_name: string;
  county_code: string | null;
  town_code: string | null;
}

/** Every area with its full name and its county and town. */
export async function listAlertAreas(db: DbOrTx): Promise<AlertAreaRow[]> {
  return queryRows<AlertAreaRow>(
    db,
    sql`select d.code, d.level::text as level, d.parent_code, d.name,
          case d.level
            when 'village' then coalesce(c.name, '') || coalesce(regexp_replace(t.name, '(村民委员会|居民委员会|办事处)$', ''), '') || regexp_replace(d.name, '(村民委员会|居民委员会|办事处)$', '')
            when 'town' then coalesce(t.name, '') || regexp_replace(d.name, '(村民委员会|居民委员会|办事处)$', '')
            else d.name end as full_name,
          case d.level when 'county' then d.code when 'town' then t.code when 'village' then c.code end as county_code,
          case d.level when 'town' then d.code when 'village' then t.code end as town_code
        from divisions d
        left join divisions t on t.code = d.parent_code
        left join divisions c on c.code = t.parent_code`,
  );
}

/** Level-1 categories of ordinary complaints (misconduct reports' `JJ` is not one of them). */
export async function listSurgeCategories(
  db: DbOrTx,
): Promise<{ code: string; name_zh: string; name_en: string }[]> {
  return queryRows<{ code: string; name_zh: string; name_en: string }>(
    db,
    sql`select code, name_zh, name_en from categories where level = 1 and code <> 'JJ' order by sort_order, code`,
  );
}

export async function maxComplaintId(db: DbOrTx): Promise<number> {
  const row = await queryRow<{ id: string | number | null }>(db, sql`select max(id) as id from complaints`);
  return Number(row?.id ?? 0);
}

/** Serialises alert runs across processes for the rest of the transaction. */
export async function lockAlertRuns(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(7301190019)`);
}

export interface OpenAlertRow extends Record<string, unknown> {
  id: number;
  area_code: string;
  category_code: string;
  peak_observed: number;
  pattern: string | null;
  cell_key: string | null;
}

export async function listOpenAlerts(tx: DbOrTx, kind: string): Promise<OpenAlertRow[]> {
  const rows = await queryRows<OpenAlertRow>(
    tx,
    sql`select id, area_code, category_code, peak_observed, pattern, cell_key from alerts
        where kind = ${kind} and closed_at is null`,
  );
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

const AREA_COLUMN: Record<string, SQL> = { county: COUNTY, town: TOWN, village: sql`c.village_code` };

/** The complaints a series counts in [from, now], oldest first (at most `limit`). */
export async function listSeriesComplaintIds(
  tx: DbOrTx,
  p: { level: string; areaCode: string; category: string; from: Date; now: Date; limit: number },
): Promise<number[]> {
  const column = AREA_COLUMN[p.level];
  if (!column) return [];
  const rows = await queryRows<{ id: string | number }>(
    tx,
    sql`select c.id from complaints c ${PLACE_JOIN}
        where ${COUNTED} and ${column} = ${p.areaCode} and left(c.category_code, 2) = ${p.category}
          and c.submitted_at >= ${p.from.toISOString()} and c.submitted_at <= ${p.now.toISOString()}
        order by c.submitted_at, c.id limit ${p.limit}`,
  );
  return rows.map((r) => Number(r.id));
}

export interface AlertFigures {
  window: string;
  observed: number;
  expected: number;
  upperLimit: number;
  pValue: number;
  windowStart: Date;
  complaintIds: number[];
  /** Emerging alerts: what the sentence and the map need (window weeks, weekly counts, cell centre). */
  detail?: unknown;
}

const idArray = (ids: number[]) => sql`${sql.param(`{${ids.join(',')}}`)}::bigint[]`;

export async function insertAlert(
  tx: DbOrTx,
  a: AlertFigures & {
    kind: string;
    areaCode: string;
    areaLevel: string;
    areaName: string;
    areaPath: string;
    countyCode: string;
    townCode: string | null;
    categoryCode: string;
    now: Date;
    /** Emerging alerts only. */
    pattern?: string;
    cellKey?: string;
  },
): Promise<number> {
  const row = await queryRow<{ id: string | number }>(
    tx,
    sql`insert into alerts (kind, "window", area_code, area_level, area_name, area_path, county_code, town_code, category_code,
          observed, expected, upper_limit, p_value, peak_observed, window_start, complaint_ids, began_at, last_seen_at,
          pattern, cell_key, detail)
        values (${a.kind}, ${a.window}, ${a.areaCode}, ${a.areaLevel}::division_level, ${a.areaName}, ${a.areaPath}, ${a.countyCode},
          ${a.townCode}, ${a.categoryCode}, ${a.observed}, ${a.expected}, ${a.upperLimit}, ${a.pValue}, ${a.observed},
          ${a.windowStart.toISOString()}, ${idArray(a.complaintIds)}, ${a.now.toISOString()}, ${a.now.toISOString()},
          ${a.pattern ?? null}, ${a.cellKey ?? null}, ${a.detail === undefined ? null : JSON.stringify(a.detail)}::jsonb)
        returning id`,
  );
  return Number(row!.id);
}

export async function updateAlert(tx: DbOrTx, id: number, a: AlertFigures & { now: Date }): Promise<void> {
  await tx.execute(
    sql`update alerts set "window" = ${a.window}, observed = ${a.observed}, expected = ${a.expected},
          upper_limit = ${a.upperLimit}, p_value = ${a.pValue}, peak_observed = greatest(peak_observed, ${a.observed}),
          window_start = ${a.windowStart.toISOString()}, complaint_ids = ${idArray(a.complaintIds)},
          last_seen_at = ${a.now.toISOString()},
          detail = coalesce(${a.detail === undefined ? null : JSON.stringify(a.detail)}::jsonb, detail)
        where id = ${id}`,
  );
}

export async function closeAlerts(tx: DbOrTx, ids: number[], now: Date): Promise<void> {
  if (ids.length === 0) return;
  await tx.execute(
    sql`update alerts set closed_at = ${now.toISOString()} where id = any(${idArray(ids)}) and closed_at is null`,
  );
}

/**
 * Reminders in the outbox for every subscription covering a newly opened alert: the alert's area or
 * an area containing it, and its category or every category.
 */
export async function notifySubscribers(
  tx: DbOrTx,
  p: { alertId: number; areaCodes: string[]; categoryCode: string; title: string; body: string },
): Promise<number> {
  const rows = await queryRows<{ id: number }>(
    tx,
    sql`insert into notifications (channel, recipient_user_id, kind, title, body, data)
        select distinct on (s.user_id) 'in_app', s.user_id, 'surge_alert', ${p.title}, ${p.body},
          jsonb_build_object('alertId', ${p.alertId}::bigint)
        from alert_subscriptions s
        where s.area_code = any(${sql.param(`{${p.areaCodes.join(',')}}`)}::text[])
          and (s.category_code is null or s.category_code = ${p.categoryCode})
        order by s.user_id
        returning id`,
  );
  return rows.length;
}

export async function insertAlertRun(
  tx: DbOrTx,
  r: {
    asOf: Date;
    trigger: string;
    watermark: number;
    series: number;
    opened: number;
    updated: number;
    closed: number;
    tookMs: number;
  },
): Promise<void> {
  await tx.execute(
    sql`insert into alert_runs (as_of, trigger, complaint_watermark, series, opened, updated, closed, took_ms)
        values (${r.asOf.toISOString()}, ${r.trigger}, ${r.watermark}, ${r.series}, ${r.opened}, ${r.updated},
          ${r.closed}, ${r.tookMs})`,
  );
}

export async function getLastAlertRun(
  db: DbOrTx,
): Promise<{ asOf: Date; finishedAt: Date; watermark: number } | null> {
  const row = await queryRow<{
    as_of: string | Date;
    finished_at: string | Date;
    complaint_watermark: string | number;
  }>(db, sql`select as_of, finished_at, complaint_watermark from alert_runs order by id desc limit 1`);
  return row
    ? {
        asOf: new Date(row.as_of),
        finishedAt: new Date(row.finished_at),
        watermark: Number(row.complaint_watermark),
      }
    : null;
}

export interface AlertListRow extends Record<string, unknown> {
  id: number;
  kind: string;
  window: string;
  area_code: string;
  area_level: string;
  area_name: string;
  area_path: string;
  category_code: string;
  category_zh: string;
  category_en: string;
  observed: number;
  expected: number;
  upper_limit: number;
  p_value: number;
  peak_observed: number;
  window_start: string | Date;
  complaint_ids: (string | number)[];
  /** Tracking codes of `complaint_ids`, in the same order (null for one no longer there). */
  complaint_codes: (string | null)[] | null;
  began_at: string | Date;
  last_seen_at: string | Date;
  closed_at: string | Date | null;
  lng: number | null;
  lat: number | null;
  pattern: string | null;
  cell_key: string | null;
  detail: unknown;
}

/** Alerts inside `scope` (a condition on the `alerts` table), open ones first, then by p-value and start. */
export async function listAlertRows(
  db: DbOrTx,
  p: { scope: SQL; state: 'open' | 'all'; limit: number },
): Promise<AlertListRow[]> {
  return queryRows<AlertListRow>(
    db,
    sql`select alerts.id, alerts.kind, alerts."window" as window, alerts.area_code, alerts.area_level::text as area_level,
          alerts.area_name, alerts.area_path, alerts.category_code, k.name_zh as category_zh, k.name_en as category_en, alerts.observed,
          alerts.expected, alerts.upper_limit, alerts.p_value, alerts.peak_observed, alerts.window_start,
          alerts.complaint_ids, alerts.began_at, alerts.last_seen_at, alerts.closed_at,
          (select array_agg(c.tracking_code order by u.ord)
             from unnest(alerts.complaint_ids) with ordinality as u(id, ord)
             left join complaints c on c.id = u.id) as complaint_codes,
          ST_X(d.centre) as lng, ST_Y(d.centre) as lat, alerts.pattern, alerts.cell_key, alerts.detail
        from alerts
        join categories k on k.code = alerts.category_code
        join divisions d on d.code = alerts.area_code
        where ${p.scope} ${p.state === 'open' ? sql`and alerts.closed_at is null` : sql``}
        order by (alerts.closed_at is null) desc, alerts.closed_at desc nulls first, alerts.p_value, alerts.began_at desc,
          alerts.id
        limit ${p.limit}`,
  );
}

/** The area's full name when it lies inside (or is) the division `within`, else null. */
export async function getAreaWithin(
  db: DbOrTx,
  p: { areaCode: string; within: string },
): Promise<{ code: string; full_name: string } | null> {
  const row = await queryRow<{ code: string; full_name: string }>(
    db,
    sql`select d.code,
          case d.level
            when 'village' then coalesce(c.name, '') || coalesce(regexp_replace(t.name, '(村民委员会|居民委员会|办事处)$', ''), '') || regexp_replace(d.name, '(村民委员会|居民委员会|办事处)$', '')
            when 'town' then coalesce(t.name, '') || regexp_replace(d.name, '(村民委员会|居民委员会|办事处)$', '')
            else d.name end as full_name
        from divisions d
        left join divisions t on t.code = d.parent_code
        left join divisions c on c.code = t.parent_code
        where d.code = ${p.areaCode} and d.level <> 'city'
          and ${p.within} in (d.code, d.parent_code, t.parent_code, c.parent_code)`,
  );
  return row ?? null;
}

export interface SubscriptionRow extends Record<string, unknown> {
  id: number;
  area_code: string;
  area_name: string;
  category_code: string | null;
  category_name: string | null;
  category_name_en: string | null;
  created_at: string | Date;
}

export async function listSubscriptionRows(db: DbOrTx, userId: number): Promise<SubscriptionRow[]> {
  return queryRows<SubscriptionRow>(
    db,
    sql`select s.id, s.area_code, d.name as area_name, s.category_code, k.name_zh as category_name,
               k.name_en as category_name_en, s.created_at
        from alert_subscriptions s
        join divisions d on d.code = s.area_code
        left join categories k on k.code = s.category_code
        where s.user_id = ${userId}
        order by s.id`,
  );
}

/** Inserts a subscription; returns its id, or the existing one's when the same already exists. */
export async function upsertSubscription(
  tx: DbOrTx,
  p: { userId: number; areaCode: string; categoryCode: string | null },
): Promise<{ id: number; created: boolean }> {
  const inserted = await queryRow<{ id: number }>(
    tx,
    sql`insert into alert_subscriptions (user_id, area_code, category_code)
        values (${p.userId}, ${p.areaCode}, ${p.categoryCode})
        on conflict do nothing returning id`,
  );
  if (inserted) return { id: Number(inserted.id), created: true };
  const existing = await queryRow<{ id: number }>(
    tx,
    sql`select id from alert_subscriptions where user_id = ${p.userId} and area_code = ${p.areaCode}
          and coalesce(category_code, '') = ${p.categoryCode ?? ''}`,
  );
  return { id: Number(existing!.id), created: false };
}

export async function deleteSubscription(tx: DbOrTx, p: { id: number; userId: number }): Promise<boolean> {
  const rows = await queryRows<{ id: number }>(
    tx,
    sql`delete from alert_subscriptions where id = ${p.id} and user_id = ${p.userId} returning id`,
  );
  return rows.length > 0;
}

export async function categoryIsLevelOne(db: DbOrTx, code: string): Promise<boolean> {
  const row = await queryRow<{ ok: boolean }>(
    db,
    sql`select exists (select 1 from categories where code = ${code} and level = 1 and code <> 'JJ') as ok`,
  );
  return Boolean(row?.ok);
}

export interface CellWeekCountRow extends Record<string, unknown> {
  i: number;
  j: number;
  category: string;
  /** 0: the 7 days ending `today`; k: the 7 days ending 7k days before. */
  week: number;
  n: number;
}

/**
 * Counts per square cell (`size` m in EPSG:4543, PostGIS numbering i = ⌊x / size⌋, j = ⌊y / size⌋) ×
 * level-1 category × week, of complaints submitted in [from, to], weeks counted back from `today`
 * (a 'YYYY-MM-DD' in Asia/Shanghai). Complaints without a location are not in any cell.
 */
export async function countCellWeeks(
  db: DbOrTx,
  p: { from: Date; to: Date; size: number; today: string },
): Promise<CellWeekCountRow[]> {
  const rows = await queryRows<CellWeekCountRow>(
    db,
    sql`select floor(ST_X(c.location_m) / ${p.size}::float8)::int as i, floor(ST_Y(c.location_m) / ${p.size}::float8)::int as j,
          left(c.category_code, 2) as category,
          ((${p.today}::date - (c.submitted_at at time zone 'Asia/Shanghai')::date) / 7)::int as week,
          count(*)::int as n
        from complaints c
        where ${COUNTED} and c.location_m is not null
          and c.submitted_at >= ${p.from.toISOString()} and c.submitted_at <= ${p.to.toISOString()}
        group by 1, 2, 3, 4`,
  );
  return rows.map((r) => ({ ...r, i: Number(r.i), j: Number(r.j), week: Number(r.week), n: Number(r.n) }));
}

/** When the first counted complaint was submitted (null: none yet). */
export async function firstCountedComplaintAt(db: DbOrTx): Promise<Date | null> {
  const row = await queryRow<{ at: string | Date | null }>(
    db,
    sql`select min(c.submitted_at) as at from complaints c where ${COUNTED}`,
  );
  return row?.at ? new Date(row.at) : null;
}

export interface EmergingCellRow {
  complaintIds: number[];
  /** The village most of the window's complaints lie in (null: none has one). */
  villageCode: string | null;
  lng: number;
  lat: number;
}

/** One cell × category in [from, now]: its complaints (oldest first), their main village, the cell's centre. */
export async function getEmergingCell(
  tx: DbOrTx,
  p: { size: number; i: number; j: number; category: string; from: Date; now: Date; limit: number },
): Promise<EmergingCellRow> {
  const inCell = sql`${COUNTED} and c.location_m is not null
    and floor(ST_X(c.location_m) / ${p.size}::float8)::int = ${p.i}
    and floor(ST_Y(c.location_m) / ${p.size}::float8)::int = ${p.j}
    and left(c.category_code, 2) = ${p.category}
    and c.submitted_at >= ${p.from.toISOString()} and c.submitted_at <= ${p.now.toISOString()}`;
  const ids = await queryRows<{ id: string | number }>(
    tx,
    sql`select c.id from complaints c where ${inCell} order by c.submitted_at, c.id limit ${p.limit}`,
  );
  const village = await queryRow<{ code: string }>(
    tx,
    sql`select c.village_code as code from complaints c where ${inCell} and c.village_code is not null
        group by 1 order by count(*) desc, 1 limit 1`,
  );
  const centre = await queryRow<{ lng: number; lat: number }>(
    tx,
    sql`select ST_X(g) as lng, ST_Y(g) as lat from (select ST_Transform(ST_SetSRID(ST_MakePoint(
          (${p.i}::float8 + 0.5) * ${p.size}::float8, (${p.j}::float8 + 0.5) * ${p.size}::float8), 4543), 4326) as g) s`,
  );
  return {
    complaintIds: ids.map((r) => Number(r.id)),
    villageCode: village?.code ?? null,
    lng: Number(centre?.lng ?? 0),
    lat: Number(centre?.lat ?? 0),
  };
}
