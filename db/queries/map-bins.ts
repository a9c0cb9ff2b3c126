/**
 * Complaint aggregation for the staff map: counts per square cell (lib/map/cells.ts), from the
 * precomputed `complaint_map_bins` when the filter and the jurisdiction allow, otherwise from the
 * complaints themselves (same cells, same answer). Points only at high zoom. `scope` conditions
 * come from lib/auth/policy.ts and reference the unaliased `complaints` / `complaint_map_bins`.
 */
import { type SQL, sql } from 'drizzle-orm';
import { monthOf, periodEnd, periodStart } from '@/lib/http/date-range';
import { type CellRange, cellKeys, POINT_KEY_LEVEL } from '@/lib/map/cells';
import type { ComplaintFilter } from '@/lib/map/filters';
import { CLOSED_STATUSES } from '@/lib/sla/deadline-state';
import type { DbOrTx } from '../client';
import { queryRows } from '../sql';
import { type Bbox, deadlineStateSql, envelope } from './map';

const T = sql.raw('complaints');
const inList = (values: readonly (string | number)[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

/**
 * The predicate of the partial index `complaints_open_map_idx` (migration 0011), verbatim (constants,
 * not parameters, so the planner can match it). Added whenever the filter implies an open complaint.
 */
export const OPEN_ONLY = sql.raw(
  `complaints.status not in (${CLOSED_STATUSES.map((s) => `'${s}'`).join(', ')})`,
);

/** Whether every complaint the filter keeps is open (a status or deadline-state filter without done ones). */
export function filterImpliesOpen(f: ComplaintFilter): boolean {
  const closed: readonly string[] = CLOSED_STATUSES;
  return (
    (f.statuses.length > 0 && f.statuses.every((s) => !closed.includes(s))) ||
    (f.deadlines.length > 0 && !f.deadlines.includes('done') && !f.deadlines.includes('done_late'))
  );
}

/** The filter as a condition on `complaints`. */
export function complaintFilterSql(f: ComplaintFilter, now: Date): SQL {
  const parts: SQL[] = [sql`true`];
  if (filterImpliesOpen(f)) parts.push(OPEN_ONLY);
  if (f.from) parts.push(sql`${T}.submitted_at >= ${periodStart(f.from).toISOString()}::timestamptz`);
  if (f.to) parts.push(sql`${T}.submitted_at < ${periodEnd(f.to).toISOString()}::timestamptz`);
  if (f.categories.length)
    parts.push(
      sql`${T}.category_code in (select fc.code from categories fc where coalesce(fc.parent_code, fc.code) in (${inList(f.categories)}))`,
    );
  if (f.urgencies.length) parts.push(sql`${T}.urgency_code in (${inList(f.urgencies)})`);
  if (f.statuses.length) parts.push(sql`${T}.status in (${inList(f.statuses)})`);
  if (f.channels.length) parts.push(sql`${T}.channel in (${inList(f.channels)})`);
  if (f.offices.length) parts.push(sql`${T}.responsible_office_id in (${inList(f.offices)})`);
  if (f.deadlines.length) parts.push(sql`(${deadlineStateSql(now, T)}) in (${inList(f.deadlines)})`);
  return sql.join(parts, sql` and `);
}

/** The bins-answerable part of a filter (time by month, level-1 category) on `complaint_map_bins`. */
function binFilterSql(f: ComplaintFilter): SQL {
  const parts: SQL[] = [sql`true`];
  // Only whole months reach the bins (binsCanAnswer).
  if (f.from) parts.push(sql`complaint_map_bins.month >= (${monthOf(f.from)} || '-01')::date`);
  if (f.to) parts.push(sql`complaint_map_bins.month <= (${monthOf(f.to)} || '-01')::date`);
  if (f.categories.length) parts.push(sql`complaint_map_bins.category in (${inList(f.categories)})`);
  return sql.join(parts, sql` and `);
}

/** One non-empty cell of a map view (`MapCells` in lib/map/map.types.ts sends them column by column). */
export interface Cell {
  cx: number;
  cy: number;
  /** Complaints in the cell. */
  n: number;
  /** Urgency-weighted count. */
  w: number;
  /** Mean position of the cell's complaints. */
  lng: number;
  lat: number;
}
export type CellRow = Cell & Record<string, unknown>;

/**
 * Cells of the range from the precomputed bins. `scope` from `complaintBinScope`. Without a time
 * filter, and when the scope does not name a village (`monthFree`), the month- and village-free
 * `complaint_map_bins_all` answers (≈ 15× fewer rows); it has the other columns of
 * `complaint_map_bins` and is read under that name, so the policy's bin scope applies unchanged.
 */
export function binCellsSql(params: {
  range: CellRange;
  filter: ComplaintFilter;
  scope: SQL;
  monthFree?: boolean;
}): SQL {
  const r = params.range;
  const f = params.filter;
  const table =
    params.monthFree && !f.from && !f.to
      ? sql.raw('complaint_map_bins_all as complaint_map_bins')
      : sql.raw('complaint_map_bins');
  return sql`select cx, cy, sum(n)::int as n, sum(w)::int as w,
          (sum(sum_lng) / sum(n))::float8 as lng, (sum(sum_lat) / sum(n))::float8 as lat
        from ${table}
        where level = ${r.level} and cx between ${r.x0} and ${r.x1} and cy between ${r.y0} and ${r.y1}
          and ${params.scope} and ${binFilterSql(params.filter)}
        group by cx, cy having sum(n) > 0`;
}

/** The same cells computed from the complaints (any filter, any scope); `bbox` = the range's extent. */
export function rawCellsSql(params: {
  range: CellRange;
  bbox: Bbox;
  filter: ComplaintFilter;
  scope: SQL;
  now: Date;
}): SQL {
  const r = params.range;
  // Grouped before the range filter (`offset 0` keeps the filter out): the planner then sees the
  // true number of rows (a filter on computed cells would be estimated at one row: nested loops,
  // sorts spilling to disk). Points on the extent's east/south edge fall in cells outside the range.
  return sql`select cx, cy, n, w, lng, lat from (
        select cx, cy, count(*)::int as n, sum(w)::int as w, avg(lng)::float8 as lng, avg(lat)::float8 as lat
        from (select map_cell_x(ST_X(location), ${r.level}) as cx, map_cell_y(ST_Y(location), ${r.level}) as cy,
                ST_X(location) as lng, ST_Y(location) as lat,
                case urgency_code when 'extra_urgent' then 3 when 'urgent' then 2 else 1 end as w
              from complaints
              where location && ${envelope(params.bbox)} and ${params.scope}
                and ${complaintFilterSql(params.filter, params.now)}) p
        group by cx, cy offset 0) g
      where cx between ${r.x0} and ${r.x1} and cy between ${r.y0} and ${r.y1}`;
}

export function listCells(db: DbOrTx, cells: SQL): Promise<CellRow[]> {
  return queryRows<CellRow>(db, cells);
}

/** One complaint of a high-zoom view (`MapPoints` in lib/map/map.types.ts sends them column by column). */
export interface MapPoint {
  id: number;
  lng: number;
  lat: number;
  category: string;
  urgency: string | null;
  status: string;
  deadline: string;
  buildingId: number | null;
}
export type PointRow = MapPoint & Record<string, unknown>;

/**
 * The view's complaints by level-14 cell key: an index-only scan of `complaints_map_cell_idx`
 * (migration 0011) rather than a heap fetch per complaint; `location &&` then trims to the bbox.
 */
const inViewCells = (bbox: Bbox) =>
  sql`map_cell_key(ST_X(location), ST_Y(location), ${sql.raw(String(POINT_KEY_LEVEL))}) = any(${`{${cellKeys(bbox).join(',')}}`}::bigint[])
    and location && ${envelope(bbox)}`;

/**
 * Individual complaints in the view (high zoom), newest first, at most `limit`, and how many match in
 * all (`total`, counted in the same index-only pass), with their level-1 category; coordinates are
 * rounded to 6 decimals (≈ 0.1 m) here.
 */
export async function listComplaintPoints(
  db: DbOrTx,
  params: { bbox: Bbox; filter: ComplaintFilter; scope: SQL; now: Date; limit: number },
): Promise<{ total: number; points: PointRow[] }> {
  const rows = await queryRows<PointRow & { total: number }>(
    db,
    sql`select complaints.id::int as id, ST_X(location) as lng, ST_Y(location) as lat,
          coalesce(cat.parent_code, complaints.category_code, '') as category, complaints.urgency_code as urgency,
          complaints.status::text as status, ${deadlineStateSql(params.now, T)} as deadline,
          complaints.building_id as "buildingId", total::int as total
        from (select complaints.id, location, category_code, urgency_code, status, resolve_due_at,
                resolved_at, building_id, submitted_at, count(*) over () as total
              from complaints
              where ${inViewCells(params.bbox)} and ${params.scope}
                and ${complaintFilterSql(params.filter, params.now)}
              order by complaints.submitted_at desc limit ${params.limit}) complaints
        left join categories cat on cat.code = complaints.category_code
        order by complaints.submitted_at desc`,
  );
  if (rows.length === 0) return { total: 0, points: [] };
  // Rounded in place (up to 12,000 rows: no copy per row); `total` stays on the objects unread.
  for (const p of rows) {
    p.lng = Math.round(p.lng * 1e6) / 1e6;
    p.lat = Math.round(p.lat * 1e6) / 1e6;
  }
  return { total: rows[0]!.total, points: rows };
}

/**
 * Cells of one tile as a Mapbox Vector Tile (server engine only: PGlite's PostGIS has no ST_AsMVT;
 * lib/map/vector-tile.ts encodes the same two layers in JavaScript). Layer `cells`: the square of
 * each non-empty cell; layer `centroids`: a point at the mean position of its complaints; both with
 * n and w. The cells (level ≥ z) lie whole inside the tile. Two ST_AsMVT results concatenated are one tile.
 */
export async function getBinTileMvt(
  db: DbOrTx,
  params: { z: number; x: number; y: number; level: number; cells: SQL },
): Promise<Uint8Array> {
  const tile = sql`ST_TileEnvelope(${sql.raw(String(params.z))}, ${params.x}, ${params.y})`;
  const rows = await queryRows<{ mvt: Uint8Array | null }>(
    db,
    sql`with cells as materialized (${params.cells})
        select coalesce((select ST_AsMVT(t, 'cells', 4096, 'geom') from (
            select n, w, ST_AsMVTGeom(ST_TileEnvelope(${sql.raw(String(params.level))}, cx, cy), ${tile}, 4096, 0, false) as geom
            from cells) t), ''::bytea)
          || coalesce((select ST_AsMVT(t, 'centroids', 4096, 'geom') from (
            select n, w, ST_AsMVTGeom(ST_Transform(ST_SetSRID(ST_MakePoint(lng, lat), 4326), 3857), ${tile}, 4096, 0, false) as geom
            from cells) t), ''::bytea) as mvt`,
  );
  return rows[0]?.mvt ?? new Uint8Array(0);
}
