/**
 * What the map's panels and high-zoom layers read: buildings, facilities, a building's households,
 * persons and complaints, an area's summary, a drawn selection. Every function takes the caller's
 * policy conditions (`buildingScope`, `personScope`, `complaintMapScope`) and ANDs them in.
 */
import { type SQL, sql } from 'drizzle-orm';
import { monthOf, wholeMonths } from '@/lib/http/date-range';
import type { ComplaintFilter } from '@/lib/map/filters';
import { CLOSED_STATUSES, type DeadlineState } from '@/lib/sla/deadline-state';
import type { DbOrTx } from '../client';
import { queryRow, queryRows } from '../sql';
import { type Bbox, deadlineStateSql, envelope } from './map';
import { complaintFilterSql, OPEN_ONLY } from './map-bins';

const T = sql.raw('complaints');
/** Resolved after the deadline (超期办结, lib/sla/deadline-state.ts), as the partial index complaints_done_late_idx says it. */
const LATE_ONLY = sql.raw(
  `complaints.status in ('resolved', 'closed') and complaints.resolved_at > complaints.resolve_due_at`,
);
const inList = (values: readonly (string | number)[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );
const CLOSED = inList(CLOSED_STATUSES);

/** One feature of `getMapBuildingsGeoJson`'s collection (built in its SQL). */
export interface MapBuildingFeature {
  type: 'Feature';
  id: number;
  properties: { id: number; address: string; floors: number; use: string; complaints: number };
  geometry: { type: 'Polygon'; coordinates: [number, number][][] };
}

/** Buildings in the view with their complaint counts (same filter as the layers), as GeoJSON. */
export async function getMapBuildingsGeoJson(
  db: DbOrTx,
  params: {
    bbox: Bbox;
    buildingScope: SQL;
    complaintScope: SQL;
    filter: ComplaintFilter;
    now: Date;
    limit: number;
  },
): Promise<string> {
  const row = await queryRow<{ fc: string }>(
    db,
    sql`select json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
          'type', 'Feature', 'id', b.id,
          'properties', json_build_object('id', b.id, 'address', b.address, 'floors', b.floors, 'use', b.use,
            'complaints', coalesce(k.n, 0)),
          'geometry', ST_AsGeoJSON(b.footprint, 6)::json)), '[]'::json))::text as fc
        from (select buildings.id, buildings.address, buildings.floors, buildings.use::text as use, buildings.footprint
              from buildings where buildings.footprint && ${envelope(params.bbox)} and ${params.buildingScope}
              order by buildings.id limit ${params.limit}) b
        left join lateral (select count(*)::int as n from complaints
              where complaints.building_id = b.id and ${params.complaintScope}
                and ${complaintFilterSql(params.filter, params.now)}) k on true`,
  );
  return row?.fc ?? '{"type":"FeatureCollection","features":[]}';
}

export interface FacilityRow extends Record<string, unknown> {
  id: number;
  kind: string;
  name: string;
  lng: number;
  lat: number;
}

/** Facilities in the view (public places: no personal data). */
export function listMapFacilities(db: DbOrTx, params: { bbox: Bbox; limit: number }) {
  return queryRows<FacilityRow>(
    db,
    sql`select id, kind::text as kind, name, ST_X(location)::float8 as lng, ST_Y(location)::float8 as lat
        from facilities where location && ${envelope(params.bbox)} order by id limit ${params.limit}`,
  );
}

export interface BuildingRow extends Record<string, unknown> {
  id: number;
  code: string;
  address: string;
  use: string;
  floors: number;
  gridId: number;
  gridName: string;
  lng: number;
  lat: number;
  bbox: [number, number, number, number];
}

const buildingColumns = sql`buildings.id, buildings.code, buildings.address, buildings.use::text as use,
  buildings.floors, buildings.grid_id as "gridId", g.name as "gridName",
  ST_X(buildings.centre)::float8 as lng, ST_Y(buildings.centre)::float8 as lat,
  json_build_array(ST_XMin(buildings.footprint), ST_YMin(buildings.footprint), ST_XMax(buildings.footprint), ST_YMax(buildings.footprint)) as bbox`;

export function getScopedBuilding(db: DbOrTx, params: { id: number; scope: SQL }) {
  return queryRow<BuildingRow>(
    db,
    sql`select ${buildingColumns} from buildings join grids g on g.id = buildings.grid_id
        where buildings.id = ${params.id} and ${params.scope}`,
  );
}

/** Buildings whose address contains the text (a grid worker's search), inside the scope. */
export function searchScopedBuildings(db: DbOrTx, params: { text: string; scope: SQL; limit: number }) {
  const pattern = `%${params.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return queryRows<BuildingRow>(
    db,
    sql`select ${buildingColumns} from buildings join grids g on g.id = buildings.grid_id
        where buildings.address ilike ${pattern} and ${params.scope} order by buildings.address limit ${params.limit}`,
  );
}

export interface HouseholdPersonRow extends Record<string, unknown> {
  householdId: number;
  unit: string;
  size: number;
  personId: number | null;
  name: string | null;
  gender: string | null;
  birthYear: number | null;
  phone: string | null;
  isHead: number | null;
}

/** Households of a building, with the persons the caller may see (none without `personScope`). */
export function listBuildingHouseholds(db: DbOrTx, params: { buildingId: number; personScope: SQL }) {
  return queryRows<HouseholdPersonRow>(
    db,
    sql`select h.id as "householdId", h.unit, h.size, persons.id as "personId", persons.name, persons.gender,
          persons.birth_year as "birthYear", persons.phone, persons.is_head as "isHead"
        from households h left join persons on persons.household_id = h.id and ${params.personScope}
        where h.building_id = ${params.buildingId} order by h.unit, persons.is_head desc, persons.id`,
  );
}

export interface PanelComplaintRow extends Record<string, unknown> {
  id: number;
  trackingCode: string;
  title: string;
  category: string | null;
  status: string;
  deadline: DeadlineState;
  resolveDueAt: string | null;
  submittedAt: string;
}

const complaintColumns = (
  now: Date,
) => sql`complaints.id::int as id, complaints.tracking_code as "trackingCode",
  complaints.title, coalesce(cat.name_zh, complaints.category_code) as category, complaints.status::text as status,
  ${deadlineStateSql(now, T)} as deadline, complaints.resolve_due_at as "resolveDueAt",
  complaints.submitted_at as "submittedAt"`;

/** Every complaint from a building that the caller may read (misconduct never), newest first. */
export function listBuildingComplaints(db: DbOrTx, params: { buildingId: number; scope: SQL; now: Date }) {
  return queryRows<PanelComplaintRow>(
    db,
    sql`select ${complaintColumns(params.now)} from complaints
        left join categories cat on cat.code = complaints.category_code
        where complaints.building_id = ${params.buildingId} and ${params.scope}
        order by complaints.submitted_at desc limit 500`,
  );
}

/** Facilities in or on a building. */
export function listBuildingFacilities(db: DbOrTx, params: { buildingId: number }) {
  return queryRows<FacilityRow>(
    db,
    sql`select f.id, f.kind::text as kind, f.name, ST_X(f.location)::float8 as lng, ST_Y(f.location)::float8 as lat
        from facilities f, buildings b where b.id = ${params.buildingId}
          and (f.building_id = b.id or ST_Intersects(f.location, b.footprint)) order by f.id`,
  );
}

export interface VisitRow extends Record<string, unknown> {
  id: number;
  method: string;
  outcome: string;
  note: string | null;
  visitedAt: string;
  visitor: string;
}

export function listBuildingVisits(db: DbOrTx, params: { buildingId: number }) {
  return queryRows<VisitRow>(
    db,
    sql`select v.id, v.method::text as method, v.outcome, v.note, v.visited_at as "visitedAt", u.display_name as visitor
        from follow_up_visits v join users u on u.id = v.visitor_user_id
        where v.building_id = ${params.buildingId} and v.complaint_id is null order by v.visited_at desc limit 20`,
  );
}

export async function insertBuildingVisit(
  db: DbOrTx,
  v: {
    buildingId: number;
    householdId: number | null;
    userId: number;
    method: string;
    outcome: string;
    note: string | null;
    at: Date;
  },
): Promise<number> {
  const row = await queryRow<{ id: number }>(
    db,
    sql`insert into follow_up_visits (building_id, household_id, visitor_user_id, method, outcome, note, visited_at)
        values (${v.buildingId}, ${v.householdId}, ${v.userId}, ${v.method}, ${v.outcome}, ${v.note}, ${v.at.toISOString()})
        returning id`,
  );
  return Number(row?.id);
}

export interface AreaRow extends Record<string, unknown> {
  code: string;
  name: string;
  level: string;
}

/** The division of a level (or the grid, level 'grid') at a point. */
export function getAreaAt(db: DbOrTx, params: { lng: number; lat: number; level: string }) {
  const pt = sql`ST_SetSRID(ST_MakePoint(${params.lng}, ${params.lat}), 4326)`;
  if (params.level === 'grid')
    return queryRow<AreaRow>(
      db,
      sql`select id::text as code, name, 'grid' as level from grids where ST_Intersects(boundary, ${pt}) limit 1`,
    );
  return queryRow<AreaRow>(
    db,
    sql`select code, name, level::text as level from divisions where level = ${params.level}
        and ST_Intersects(boundary, ${pt}) limit 1`,
  );
}

/** Whether the grid is inside the caller's `gridScope`. */
export async function gridVisible(db: DbOrTx, params: { id: number; scope: SQL }): Promise<boolean> {
  return (
    (await queryRow(
      db,
      sql`select 1 as one from grids where grids.id = ${params.id} and ${params.scope}`,
    )) !== undefined
  );
}

/** The condition "complaint inside the area" on the denormalised codes. */
export function complaintInArea(area: AreaRow): SQL {
  switch (area.level) {
    case 'grid':
      return sql`${T}.grid_id = ${Number(area.code)}`;
    case 'village':
      return sql`${T}.village_code = ${area.code}`;
    case 'town':
      return sql`${T}.town_code = ${area.code}`;
    case 'county':
      return sql`${T}.county_code = ${area.code}`;
    default:
      return sql`true`;
  }
}

export interface CountRow extends Record<string, unknown> {
  key: string;
  label: string;
  /** The English label where the grouping has one (categories); '' otherwise. */
  labelEn: string;
  n: number;
}

export interface ComplaintSummary {
  total: number;
  /** By level-1 category, most first. */
  byCategory: CountRow[];
  /** By status, most first. */
  byStatus: CountRow[];
  /** By deadline state (label ''). */
  byDeadline: CountRow[];
  /** The five most frequent own (level-2) categories. */
  top: CountRow[];
  /** Complaints per month of `months` under the same filter as the counts (the chart and the counts agree). */
  trend: { month: string; n: number }[];
}

/** One grouped row of a summary: which grouping (`g`), its key and label, its count. */
interface SummaryRow extends Record<string, unknown> {
  g: 'category' | 'status' | 'top' | 'deadline' | 'month';
  key: string | null;
  label: string | null;
  label_en: string | null;
  n: number;
}

const byCount = (a: CountRow, b: CountRow) => b.n - a.n || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** Grouped rows → the summary (the same shape from the complaints and from the area bins). */
function summaryOf(rows: SummaryRow[], months: string[]): ComplaintSummary {
  const pick = (g: SummaryRow['g']) =>
    rows
      .filter((r) => r.g === g && r.n > 0 && r.key !== null)
      .map((r) => ({ key: r.key!, label: r.label ?? '', labelEn: r.label_en ?? '', n: r.n }))
      .sort(byCount);
  const byStatus = pick('status').map((r) => ({ ...r, label: r.key, labelEn: '' }));
  const perMonth = new Map(pick('month').map((r) => [r.key, r.n]));
  return {
    total: byStatus.reduce((s, r) => s + r.n, 0),
    byCategory: pick('category'),
    byStatus,
    byDeadline: pick('deadline').map((r) => ({ ...r, label: '', labelEn: '' })),
    top: pick('top').slice(0, 5),
    trend: months.map((m) => ({ month: m, n: perMonth.get(m) ?? 0 })),
  };
}

const firstMonthStart = (months: string[]) =>
  months[0]
    ? sql`((${months[0]} || '-01')::timestamp at time zone 'Asia/Shanghai')`
    : sql`'infinity'::timestamptz`;

/**
 * Counts of the scoped, filtered complaints matching `where`, by level-1 category, status, deadline
 * state and top level-2 category, and per month of `months` (the same filter: the chart and the
 * counts describe the same complaints): one pass over the complaints (grouping sets). Any filter,
 * any scope, any area (grid, drawn polygon).
 */
export async function summariseComplaints(
  db: DbOrTx,
  params: { where: SQL; scope: SQL; filter: ComplaintFilter; now: Date; months: string[] },
): Promise<ComplaintSummary> {
  const rows = await queryRows<SummaryRow>(
    db,
    sql`select case when grouping(k1) = 0 then 'category' when grouping(st) = 0 then 'status'
            when grouping(k2) = 0 then 'top' when grouping(dl) = 0 then 'deadline' else 'month' end as g,
          coalesce(k1, st, k2, dl, mon) as key, coalesce(l1, l2) as label, coalesce(l1e, l2e) as label_en,
          (case when grouping(mon) = 0 then count(*) filter (where recent and f) else count(*) filter (where f) end)::int as n
        from (select coalesce(cat1.code, '') as k1, coalesce(cat1.name_zh, '') as l1, coalesce(cat1.name_en, '') as l1e,
                complaints.status::text as st, coalesce(cat.code, '') as k2, coalesce(cat.name_zh, '') as l2,
                coalesce(cat.name_en, '') as l2e,
                ${deadlineStateSql(params.now, T)} as dl,
                to_char(complaints.submitted_at at time zone 'Asia/Shanghai', 'YYYY-MM') as mon,
                complaints.submitted_at >= ${firstMonthStart(params.months)} as recent, f
              from (select complaints.*, ${complaintFilterSql(params.filter, params.now)} as f from complaints
                    where ${params.where} and ${params.scope}) complaints
              left join categories cat on cat.code = complaints.category_code
              left join categories cat1 on cat1.code = coalesce(cat.parent_code, cat.code)
              where f) x
        group by grouping sets ((k1, l1, l1e), (st), (k2, l2, l2e), (dl), (mon))`,
  );
  return summaryOf(rows, params.months);
}

/**
 * The same summary from `complaint_area_bins` (migration 0013): an area given as a condition on the
 * bins (`binWhere`, see `areaBinCondition`) and on the complaints (`where`), the caller's bin scope
 * (`complaintBinScope`, read under the name `complaint_map_bins`) and complaint scope, a filter the
 * bins can answer (`areaBinsCanAnswer`). The deadline state depends on the clock: closed complaints
 * are 'done' (from the bins), the open ones are counted from the complaints (partial index
 * `complaints_open_map_idx`, a few percent of them).
 */
export async function summariseAreaBins(
  db: DbOrTx,
  params: {
    binWhere: SQL;
    where: SQL;
    binScope: SQL;
    scope: SQL;
    filter: ComplaintFilter;
    now: Date;
    months: string[];
  },
): Promise<ComplaintSummary> {
  const f = params.filter;
  const B = sql.raw('complaint_map_bins');
  const parts: SQL[] = [sql`true`];
  // Only whole months reach the bins (areaBinsCanAnswer).
  if (f.from) parts.push(sql`${B}.month >= (${monthOf(f.from)} || '-01')::date`);
  if (f.to) parts.push(sql`${B}.month <= (${monthOf(f.to)} || '-01')::date`);
  if (f.categories.length)
    parts.push(
      sql`${B}.category_code in (select fc.code from categories fc where coalesce(fc.parent_code, fc.code) in (${inList(f.categories)}))`,
    );
  if (f.statuses.length) parts.push(sql`${B}.status in (${inList(f.statuses)})`);
  const first = params.months[0];
  const recent = first ? sql`${B}.month >= (${first} || '-01')::date` : sql`false`;
  const rows = await queryRows<SummaryRow>(
    db,
    sql`select case when grouping(k1) = 0 then 'category' when grouping(st) = 0 then 'status'
            when grouping(k2) = 0 then 'top' when grouping(dl) = 0 then 'deadline' else 'month' end as g,
          coalesce(k1, st, k2, dl, mon) as key, coalesce(l1, l2) as label, coalesce(l1e, l2e) as label_en,
          (case when grouping(mon) = 0 then sum(n) filter (where recent and f) else sum(n) filter (where f) end)::int as n
        from (select coalesce(cat1.code, '') as k1, coalesce(cat1.name_zh, '') as l1, coalesce(cat1.name_en, '') as l1e,
                b.status::text as st, coalesce(cat.code, '') as k2, coalesce(cat.name_zh, '') as l2,
                coalesce(cat.name_en, '') as l2e,
                case when b.status in (${CLOSED}) then 'done' end as dl, to_char(b.month, 'YYYY-MM') as mon,
                b.recent, b.f, b.n
              -- First by the bins' own columns (a county's ≈ 50,000 bins → a few thousand rows), then by label.
              from (select ${B}.category_code, ${B}.status, ${B}.month, sum(${B}.n) as n,
                      ${recent} as recent, ${sql.join(parts, sql` and `)} as f
                    from complaint_area_bins as ${B}
                    where ${params.binWhere} and ${params.binScope}
                    group by ${B}.category_code, ${B}.status, ${B}.month) b
              left join categories cat on cat.code = nullif(b.category_code, '')
              left join categories cat1 on cat1.code = coalesce(cat.parent_code, cat.code)) x
        group by grouping sets ((k1, l1, l1e), (st), (k2, l2, l2e), (dl), (mon))
      union all
      select 'deadline', ${deadlineStateSql(params.now, T)}, null, null, count(*)::int from complaints
        where ${params.where} and ${params.scope} and ${complaintFilterSql(params.filter, params.now)} and ${OPEN_ONLY}
        group by 2
      union all
      -- Late resolutions (超期办结) move from 'done' to 'done_late' (partial index complaints_done_late_idx).
      select 'deadline', k, null, null, n from (
        select count(*)::int as late from complaints
        where ${params.where} and ${params.scope} and ${complaintFilterSql(params.filter, params.now)} and ${LATE_ONLY}) l,
        lateral (values ('done_late', l.late), ('done', -l.late)) v(k, n)
        where l.late > 0`,
  );
  // 'done' now comes in two rows (the bins' closed count, minus the late ones): add them up.
  const merged = new Map<string, SummaryRow>();
  for (const r of rows) {
    const key = `${r.g}\u0000${r.key}`;
    const had = merged.get(key);
    if (had) had.n += r.n;
    else merged.set(key, { ...r });
  }
  return summaryOf([...merged.values()], params.months);
}

/** The condition "bin inside the area" on `complaint_area_bins` read as `complaint_map_bins` (no grids). */
export function areaBinCondition(area: AreaRow): SQL | null {
  const B = sql.raw('complaint_map_bins');
  switch (area.level) {
    case 'village':
      return sql`${B}.village_code = ${area.code}`;
    case 'town':
      return sql`${B}.town_code = ${area.code}`;
    case 'county':
      return sql`${B}.county_code = ${area.code}`;
    default:
      return null;
  }
}

/** Whether `complaint_area_bins` can answer a filter: months, level-1 categories and statuses only. */
export function areaBinsCanAnswer(f: ComplaintFilter): boolean {
  return (
    wholeMonths(f.from, f.to) &&
    f.urgencies.length === 0 &&
    f.deadlines.length === 0 &&
    f.offices.length === 0 &&
    f.channels.length === 0
  );
}

/** Complaints inside a drawn polygon (GeoJSON ring), newest first. */
export function listComplaintsInPolygon(
  db: DbOrTx,
  params: { ring: [number, number][]; scope: SQL; filter: ComplaintFilter; now: Date; limit: number },
) {
  return queryRows<PanelComplaintRow>(
    db,
    sql`select ${complaintColumns(params.now)} from complaints
        left join categories cat on cat.code = complaints.category_code
        where ${polygonContains(params.ring)} and ${params.scope} and ${complaintFilterSql(params.filter, params.now)}
        order by complaints.submitted_at desc limit ${params.limit}`,
  );
}

export function polygonContains(ring: [number, number][]): SQL {
  const geojson = JSON.stringify({ type: 'Polygon', coordinates: [ring] });
  return sql`ST_Intersects(${T}.location, ST_SetSRID(ST_GeomFromGeoJSON(${geojson}), 4326))`;
}

/** The bounds [west, south, east, north] of a grid or a division (the default view of its users). */
export async function getBoundsOf(
  db: DbOrTx,
  target: { gridId: number } | { divisionCode: string },
): Promise<[number, number, number, number] | null> {
  const geom =
    'gridId' in target
      ? sql`(select boundary from grids where id = ${target.gridId})`
      : sql`(select coalesce(d.boundary, (select ST_Union(c.boundary) from divisions c where c.parent_code = d.code))
             from divisions d where d.code = ${target.divisionCode})`;
  const row = await queryRow<{ b: [number, number, number, number] | null }>(
    db,
    sql`select case when g is null then null else json_build_array(ST_XMin(g), ST_YMin(g), ST_XMax(g), ST_YMax(g)) end as b
        from (select ${geom} as g) x`,
  );
  return row?.b ?? null;
}

/** A level-1 category as the map and analysis filters offer it. */
export type TopCategory = { code: string; name: string; nameEn: string; color: string };

export function listTopCategories(db: DbOrTx) {
  return queryRows<TopCategory>(
    db,
    sql`select code, name_zh as name, name_en as "nameEn", color from categories where level = 1 and active and code <> 'JJ'
        order by sort_order, code`,
  );
}

export function listOfficeNames(db: DbOrTx) {
  return queryRows<{ id: number; name: string }>(db, sql`select id, name from offices order by code`);
}
