/**
 * Complaint aggregation for the staff map: counts per square cell (lib/map/cells.ts), from the
 * precomputed `complaint_map_bins` when the filter and the jurisdiction allow, otherwise from the
 * complaints themselves (same cells, same answer). Points only at high zoom. `scope` conditions
 * come from lib/auth/policy.ts and reference the unaliased `complaints` / `complaint_map_bins`.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { CellRange } from '@/lib/map/cells';
import type { ComplaintFilter } from '@/lib/map/filters';
import type { DbOrTx } from '../client';
import { queryRows } from '../sql';
import { type Bbox, deadlineStateSql, envelope } from './map';

const T = sql.raw('complaints');
const inList = (values: readonly (string | number)[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );
const monthStart = (m: string) => sql`((${m} || '-01')::timestamp at time zone 'Asia/Shanghai')`;
const monthEnd = (m: string) =>
  sql`(((${m} || '-01')::date + interval '1 month')::timestamp at time zone 'Asia/Shanghai')`;

/** The filter as a condition on `complaints`. */
export function complaintFilterSql(f: ComplaintFilter, now: Date): SQL {
  const parts: SQL[] = [sql`true`];
  if (f.from) parts.push(sql`${T}.submitted_at >= ${monthStart(f.from)}`);
  if (f.to) parts.push(sql`${T}.submitted_at < ${monthEnd(f.to)}`);
  if (f.categories.length)
    parts.push(
      sql`${T}.category_code in (select fc.code from categories fc where coalesce(fc.parent_code, fc.code) in (${inList(f.categories)}))`,
    );
  if (f.urgencies.length) parts.push(sql`${T}.urgency_code in (${inList(f.urgencies)})`);
  if (f.statuses.length) parts.push(sql`${T}.status::text in (${inList(f.statuses)})`);
  if (f.channels.length) parts.push(sql`${T}.channel::text in (${inList(f.channels)})`);
  if (f.offices.length) parts.push(sql`${T}.responsible_office_id in (${inList(f.offices)})`);
  if (f.deadlines.length) parts.push(sql`(${deadlineStateSql(now, T)}) in (${inList(f.deadlines)})`);
  return sql.join(parts, sql` and `);
}

/** The bins-answerable part of a filter (time by month, level-1 category) on `complaint_map_bins`. */
function binFilterSql(f: ComplaintFilter): SQL {
  const parts: SQL[] = [sql`true`];
  if (f.from) parts.push(sql`complaint_map_bins.month >= (${f.from} || '-01')::date`);
  if (f.to) parts.push(sql`complaint_map_bins.month <= (${f.to} || '-01')::date`);
  if (f.categories.length) parts.push(sql`complaint_map_bins.category in (${inList(f.categories)})`);
  return sql.join(parts, sql` and `);
}

export interface CellRow extends Record<string, unknown> {
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

/** Cells of the range from the precomputed bins. `scope` from `complaintBinScope`. */
export function binCellsSql(params: { range: CellRange; filter: ComplaintFilter; scope: SQL }): SQL {
  const r = params.range;
  return sql`select cx, cy, sum(n)::int as n, sum(w)::int as w,
          (sum(sum_lng) / sum(n))::float8 as lng, (sum(sum_lat) / sum(n))::float8 as lat
        from complaint_map_bins
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
  return sql`select cx, cy, count(*)::int as n, sum(w)::int as w, avg(lng)::float8 as lng, avg(lat)::float8 as lat
        from (select map_cell_x(ST_X(location), ${r.level}) as cx, map_cell_y(ST_Y(location), ${r.level}) as cy,
                ST_X(location) as lng, ST_Y(location) as lat,
                case urgency_code when 'extra_urgent' then 3 when 'urgent' then 2 else 1 end as w
              from complaints
              where location && ${envelope(params.bbox)} and ${params.scope}
                and ${complaintFilterSql(params.filter, params.now)}) p
        where cx between ${r.x0} and ${r.x1} and cy between ${r.y0} and ${r.y1}
        group by cx, cy`;
}

export function listCells(db: DbOrTx, cells: SQL): Promise<CellRow[]> {
  return queryRows<CellRow>(db, cells);
}

export interface PointRow extends Record<string, unknown> {
  id: number;
  lng: number;
  lat: number;
  category: string;
  urgency: string | null;
  status: string;
  deadline: string;
  buildingId: number | null;
}

/** Individual complaints in the view (high zoom), newest first, at most `limit`. */
export async function listComplaintPoints(
  db: DbOrTx,
  params: { bbox: Bbox; filter: ComplaintFilter; scope: SQL; now: Date; limit: number },
): Promise<PointRow[]> {
  return queryRows<PointRow>(
    db,
    sql`select complaints.id::int as id, round(ST_X(location)::numeric, 6)::float8 as lng,
          round(ST_Y(location)::numeric, 6)::float8 as lat,
          coalesce(cat.parent_code, cat.code, '') as category, complaints.urgency_code as urgency,
          complaints.status::text as status, ${deadlineStateSql(params.now, T)} as deadline,
          complaints.building_id as "buildingId"
        from complaints left join categories cat on cat.code = complaints.category_code
        where location && ${envelope(params.bbox)} and ${params.scope}
          and ${complaintFilterSql(params.filter, params.now)}
        order by complaints.submitted_at desc limit ${params.limit}`,
  );
}

/** Count in a bbox (decides points vs. clusters at high zoom). */
export async function countComplaintsIn(
  db: DbOrTx,
  params: { bbox: Bbox; filter: ComplaintFilter; scope: SQL; now: Date },
): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from complaints where location && ${envelope(params.bbox)}
          and ${params.scope} and ${complaintFilterSql(params.filter, params.now)}`,
  );
  return rows[0]?.n ?? 0;
}

/** Cells of one tile as a Mapbox Vector Tile (server engine only: PGlite has no ST_AsMVT). */
export async function getBinTileMvt(
  db: DbOrTx,
  params: { z: number; x: number; y: number; level: number; cells: SQL },
): Promise<Buffer> {
  const rows = await queryRows<{ mvt: Buffer }>(
    db,
    sql`with cells as (${params.cells})
        select ST_AsMVT(t, 'cells', 4096, 'geom') as mvt from (
          select cx, cy, n, w, ST_AsMVTGeom(ST_TileEnvelope(${params.level}, cx, cy),
                 ST_TileEnvelope(${params.z}, ${params.x}, ${params.y}), 4096, 0, false) as geom
          from cells) t`,
  );
  return rows[0]?.mvt ?? Buffer.alloc(0);
}
