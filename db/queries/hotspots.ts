/** Complaint counts on a regular grid of cells in a projected CRS, for the hot-spot statistics. */
import { type SQL, sql } from 'drizzle-orm';
import { divisionPrefix } from '@/lib/geo/division-code';
import type { DbOrTx } from '../client';
import { queryRows } from '../sql';

/** CGCS2000 / 3-degree Gauss-Kruger CM 102E: metres, centred on Panzhihua (101.1–102.3°E). */
export const HOTSPOT_SRID = 4543;
/** Inlined, never a bind parameter: ST_Transform(geometry, $1) can bind to the proj-string overload. */
const SRID = sql.raw(String(HOTSPOT_SRID));

export interface ComplaintFilter {
  from?: Date;
  to?: Date;
  /** Level-1 or level-2 category codes. */
  categories?: string[];
  statuses?: string[];
  urgencies?: string[];
  channels?: string[];
}

/**
 * Complaints inside a division, by the village code PostGIS assigned at intake (codes nest by prefix):
 * a b-tree prefix match instead of a point-in-polygon test against a 2 400-vertex outline per row.
 */
function inDivision(code: string): SQL {
  return sql`starts_with(complaints.village_code, ${divisionPrefix(code)})`;
}

/** The filter as a condition on `complaints` (never misconduct reports: they are not statistics). */
export function complaintFilterSql(filter: ComplaintFilter): SQL {
  const parts: SQL[] = [sql`complaints.kind = 'complaint'`];
  if (filter.from) parts.push(sql`complaints.submitted_at >= ${filter.from.toISOString()}::timestamptz`);
  if (filter.to) parts.push(sql`complaints.submitted_at < ${filter.to.toISOString()}::timestamptz`);
  if (filter.categories?.length) {
    const list = sql.join(
      filter.categories.map((c) => sql`${c}`),
      sql`, `,
    );
    parts.push(
      sql`(complaints.category_code in (${list}) or complaints.category_code in (select code from categories where parent_code in (${list})))`,
    );
  }
  const inList = (column: SQL, values: string[] | undefined) => {
    if (values?.length)
      parts.push(
        sql`${column} in (${sql.join(
          values.map((v) => sql`${v}`),
          sql`, `,
        )})`,
      );
  };
  inList(sql`complaints.status::text`, filter.statuses);
  inList(sql`complaints.urgency_code`, filter.urgencies);
  inList(sql`complaints.channel::text`, filter.channels);
  return sql.join(parts, sql` and `);
}

export interface CellCountRow extends Record<string, unknown> {
  i: number;
  j: number;
  x: number;
  y: number;
  count: number;
  geometry: string;
}

/**
 * Every cell of a square or hexagonal grid (`size` metres) that intersects the study area (a
 * division), with the number of complaints in it. Each complaint is counted once: square cells are
 * found arithmetically (PostGIS numbers square cells i = ⌊x / size⌋, j = ⌊y / size⌋), hexagons by
 * containment with ties at shared edges broken by the lowest (i, j).
 */
export async function listCellCounts(
  db: DbOrTx,
  params: {
    divisionCode: string;
    size: number;
    shape: 'square' | 'hexagon';
    filter: ComplaintFilter;
    scope: SQL;
  },
): Promise<CellCountRow[]> {
  const area = sql`(select ST_Transform(boundary, ${SRID}) from divisions where code = ${params.divisionCode})`;
  const grid =
    params.shape === 'square'
      ? sql`ST_SquareGrid(${params.size}::float8, ${area})`
      : sql`ST_HexagonGrid(${params.size}::float8, ${area})`;
  const where = sql`${complaintFilterSql(params.filter)} and (${params.scope})
    and ${inDivision(params.divisionCode)}`;
  const counts =
    params.shape === 'square'
      ? sql`select floor(ST_X(p) / ${params.size}::float8)::int as i, floor(ST_Y(p) / ${params.size}::float8)::int as j, count(*)::int as n
            from (select complaints.location_m as p from complaints where ${where}) pts
            group by 1, 2`
      : sql`select i, j, count(*)::int as n from (
              select distinct on (pts.id) pts.id, g.i, g.j
              from (select complaints.id, complaints.location_m as p from complaints where ${where}) pts
              join cells g on ST_Intersects(g.geom, pts.p)
              order by pts.id, g.i, g.j) one group by i, j`;
  // Cells and counts are two queries joined here: planners estimate one row for a set-returning
  // grid function and nest-loop the aggregate per cell (minutes at a million complaints).
  const cells = await queryRows<{ i: number; j: number; x: number; y: number; geometry: string }>(
    db,
    sql`select g.i, g.j, ST_X(ST_Centroid(g.geom))::float8 as x, ST_Y(ST_Centroid(g.geom))::float8 as y,
          ST_AsGeoJSON(ST_Transform(g.geom, 4326), 6) as geometry
        from ${grid} g where ST_Intersects(g.geom, ${area}) order by g.j, g.i`,
  );
  const counted = await queryRows<{ i: number; j: number; n: number }>(
    db,
    params.shape === 'square'
      ? counts
      : sql`with cells as materialized (select g.i, g.j, g.geom from ${grid} g where ST_Intersects(g.geom, ${area})) ${counts}`,
  );
  const byCell = new Map(counted.map((c) => [`${c.i}:${c.j}`, c.n]));
  return cells.map((c) => ({ ...c, count: byCell.get(`${c.i}:${c.j}`) ?? 0 }));
}

/** Complaints counted by the same filter and scope, in the same area: the check that no cell loses or doubles any. */
export async function countComplaintsInArea(
  db: DbOrTx,
  params: { divisionCode: string; filter: ComplaintFilter; scope: SQL },
): Promise<number> {
  const rows = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from complaints where ${complaintFilterSql(params.filter)} and (${params.scope})
        and ${inDivision(params.divisionCode)}`,
  );
  return rows[0]?.n ?? 0;
}

export interface CellStepCountRow extends Record<string, unknown> {
  i: number;
  j: number;
  /** First day of the month (CST) of the bin, 'YYYY-MM-01'. */
  month: string;
  count: number;
}

/** Sparse (square cell × month) counts for the space-time cube of emerging hot spots. */
export async function listCellMonthCounts(
  db: DbOrTx,
  params: { divisionCode: string; size: number; filter: ComplaintFilter; scope: SQL },
): Promise<CellStepCountRow[]> {
  return queryRows<CellStepCountRow>(
    db,
    sql`select floor(ST_X(p) / ${params.size}::float8)::int as i, floor(ST_Y(p) / ${params.size}::float8)::int as j,
          to_char(date_trunc('month', submitted_at at time zone 'Asia/Shanghai'), 'YYYY-MM-DD') as month,
          count(*)::int as count
        from (select complaints.location_m as p, complaints.submitted_at from complaints
              where ${complaintFilterSql(params.filter)} and (${params.scope})
                and ${inDivision(params.divisionCode)}) pts
        group by 1, 2, 3`,
  );
}

export interface ClusterRow extends Record<string, unknown> {
  cluster: number;
  count: number;
  lng: number;
  lat: number;
  radiusM: number;
  categories: { code: string; name: string; count: number }[];
  buildings: { id: number; address: string; count: number }[];
  facilities: { id: number; name: string; kind: string; count: number }[];
  /** The cluster's complaints, newest first (at most CLUSTER_COMPLAINTS), each a link to its case. */
  complaints: { id: number; trackingCode: string; title: string; status: string }[];
  hull: string;
}

/** How many of a cluster's complaints its answer lists. */
export const CLUSTER_COMPLAINTS = 50;

/**
 * DBSCAN clusters (ST_ClusterDBSCAN in a metric CRS) of the filtered complaints in an area, largest
 * first, each with its top categories, buildings and facilities.
 *
 * Set-based: the points are clustered once, the `limit` largest clusters are chosen from their counts,
 * and each detail (radius, categories, buildings, facilities, newest complaints) is one grouped pass
 * over the chosen clusters' points, never a scan of all clustered points per cluster (which made a
 * city-wide run at 1 M complaints cost clusters × points).
 */
export async function listDbscanClusters(
  db: DbOrTx,
  params: {
    divisionCode: string;
    epsM: number;
    minPoints: number;
    filter: ComplaintFilter;
    scope: SQL;
    limit: number;
  },
): Promise<ClusterRow[]> {
  return queryRows<ClusterRow>(
    db,
    sql`with pts as materialized (
          select complaints.id, complaints.location, complaints.location_m, complaints.category_code, complaints.building_id, complaints.facility_id,
            complaints.tracking_code, complaints.title, complaints.status, complaints.submitted_at,
            ST_ClusterDBSCAN(complaints.location_m, eps => ${params.epsM}::float8, minpoints => ${params.minPoints}::int) over () as cluster
          from complaints
          where ${complaintFilterSql(params.filter)} and (${params.scope})
            and ${inDivision(params.divisionCode)}
        ), sizes as (
          select cluster, count(*)::int as count from pts where cluster is not null group by cluster
          order by count desc, cluster limit ${params.limit}
        ), clustered as materialized (
          select p.* from pts p join sizes s using (cluster)
        ), summary as (
          select cluster, count(*)::int as count, ST_Centroid(ST_Collect(location)) as centre,
            ST_ConvexHull(ST_Collect(location)) as hull
          from clustered group by cluster
        ), radius as (
          select c.cluster, max(ST_Distance(c.location_m, ST_Transform(s.centre, ${SRID})))::float8 as r
          from clustered c join summary s using (cluster) group by c.cluster
        ), cats as (
          select cluster, json_agg(json_build_object('code', code, 'name', name, 'count', count) order by count desc, code) as list
          from (
            select cluster, code, name, count, row_number() over (partition by cluster order by count desc, code) as rn
            from (
              select c.cluster, coalesce(cat.parent_code, c.category_code) as code,
                max(coalesce(parent.name_zh, cat.name_zh)) as name, count(*)::int as count
              from clustered c left join categories cat on cat.code = c.category_code
              left join categories parent on parent.code = cat.parent_code
              group by 1, 2) g) r
          where rn <= 3 group by cluster
        ), blds as (
          select cluster, json_agg(json_build_object('id', id, 'address', address, 'count', count) order by count desc, id) as list
          from (
            select c.cluster, b.id, b.address, count(*)::int as count,
              row_number() over (partition by c.cluster order by count(*) desc, b.id) as rn
            from clustered c join buildings b on b.id = c.building_id group by c.cluster, b.id, b.address) r
          where rn <= 5 group by cluster
        ), facs as (
          select cluster, json_agg(json_build_object('id', id, 'name', name, 'kind', kind, 'count', count) order by count desc, id) as list
          from (
            select c.cluster, f.id, f.name, f.kind::text as kind, count(*)::int as count,
              row_number() over (partition by c.cluster order by count(*) desc, f.id) as rn
            from clustered c join facilities f on f.id = c.facility_id group by c.cluster, f.id, f.name, f.kind) r
          where rn <= 5 group by cluster
        ), recent as (
          select cluster, json_agg(json_build_object('id', id, 'trackingCode', tracking_code, 'title', title, 'status', status)
              order by submitted_at desc, id desc) as list
          from (
            select c.cluster, c.id, c.tracking_code, c.title, c.status::text as status, c.submitted_at,
              row_number() over (partition by c.cluster order by c.submitted_at desc, c.id desc) as rn
            from clustered c) r
          where rn <= ${CLUSTER_COMPLAINTS} group by cluster
        )
        select s.cluster, s.count, ST_X(s.centre)::float8 as lng, ST_Y(s.centre)::float8 as lat,
          coalesce(radius.r, 0)::float8 as "radiusM",
          coalesce(cats.list, '[]'::json) as categories,
          coalesce(blds.list, '[]'::json) as buildings,
          coalesce(facs.list, '[]'::json) as facilities,
          coalesce(recent.list, '[]'::json) as complaints,
          ST_AsGeoJSON(s.hull, 6) as hull
        from summary s
        left join radius using (cluster) left join cats using (cluster) left join blds using (cluster)
        left join facs using (cluster) left join recent using (cluster)
        order by s.count desc, s.cluster`,
  );
}

export interface CellComplaintRow extends Record<string, unknown> {
  id: number;
  trackingCode: string;
  title: string;
  category: string | null;
  status: string;
  submittedAt: string;
}

/** The complaints behind one cell (square or hexagon i, j of `size` metres), newest first. */
export async function listCellComplaints(
  db: DbOrTx,
  params: {
    divisionCode: string;
    size: number;
    shape: 'square' | 'hexagon';
    i: number;
    j: number;
    filter: ComplaintFilter;
    scope: SQL;
    limit: number;
  },
): Promise<CellComplaintRow[]> {
  return queryRows<CellComplaintRow>(
    db,
    sql`select complaints.id::int as id, complaints.tracking_code as "trackingCode", complaints.title,
          coalesce(cat.name_zh, complaints.category_code) as category, complaints.status::text as status,
          complaints.submitted_at as "submittedAt"
        from complaints left join categories cat on cat.code = complaints.category_code
        where ${complaintFilterSql(params.filter)} and (${params.scope})
          and ${inCell(params)}
        order by complaints.submitted_at desc limit ${params.limit}`,
  );
}

/** Complaints of one analysis cell (square or hexagon i, j of `size` metres) inside a division, on `complaints`. */
export function inCell(params: {
  divisionCode: string;
  size: number;
  shape: 'square' | 'hexagon';
  i: number;
  j: number;
}): SQL {
  const cell =
    params.shape === 'square'
      ? sql`ST_Square(${params.size}::float8, ${params.i}::int, ${params.j}::int)`
      : sql`ST_Hexagon(${params.size}::float8, ${params.i}::int, ${params.j}::int)`;
  return sql`(${inDivision(params.divisionCode)} and ST_Intersects(complaints.location_m, ST_SetSRID(${cell}, ${SRID})))`;
}

export interface DivisionOption extends Record<string, unknown> {
  code: string;
  name: string;
  level: string;
}

/** A division and the divisions one level below it, for the analysis area picker. */
export async function listAnalysisDivisions(db: DbOrTx, params: { code: string }): Promise<DivisionOption[]> {
  return queryRows<DivisionOption>(
    db,
    sql`select code, name, level::text as level from divisions where code = ${params.code} or parent_code = ${params.code}
        order by (code = ${params.code}) desc, code`,
  );
}
