/**
 * DBSCAN clusters of complaints: the points of a window (compact, for the in-process DBSCAN of
 * `lib/hotspots/dbscan.ts`), the details of the chosen clusters, and the same clusters from PostGIS's
 * `ST_ClusterDBSCAN` (the reference the tests and the bench compare against).
 */
import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { queryRow, queryRows } from '../sql';
import { type ComplaintFilter, complaintFilterSql, HOTSPOT_SRID, inDivision } from './hotspots';

/** Inlined, never a bind parameter (see hotspots.ts). */
const SRID = sql.raw(String(HOTSPOT_SRID));

/** One DBSCAN cluster as the query returns it (`hull` is GeoJSON text; the verb parses it). */
export interface DbscanCluster {
  cluster: number;
  count: number;
  lng: number;
  lat: number;
  radiusM: number;
  categories: { code: string; name: string; nameEn: string; count: number }[];
  buildings: { id: number; address: string; count: number }[];
  facilities: { id: number; name: string; kind: string; count: number }[];
  /** The cluster's complaints, newest first (at most CLUSTER_COMPLAINTS), each a link to its case. */
  complaints: { id: number; trackingCode: string; title: string; status: string }[];
  hull: string;
}
type ClusterRow = DbscanCluster & Record<string, unknown>;

/** How many of a cluster's complaints its answer lists. */
export const CLUSTER_COMPLAINTS = 50;

interface WindowParams {
  divisionCode: string;
  filter: ComplaintFilter;
  scope: SQL;
}

function windowSql(params: WindowParams): SQL {
  return sql`${complaintFilterSql(params.filter)} and (${params.scope}) and ${inDivision(params.divisionCode)}`;
}

/** The window's complaints in EPSG:4543 metres, ordered by id. */
export interface ClusterPoints {
  ids: Float64Array;
  xs: Float64Array;
  ys: Float64Array;
}

/**
 * The filtered complaints of an area as one bytea of (int8 id, float8 x, float8 y) big-endian records:
 * one value instead of a row per complaint (≈ 220 k at 1 M complaints, 3 months) and the stored
 * doubles exactly; sorted by id here (an `order by` in the aggregate costs the database a sort).
 */
export async function listClusterPoints(db: DbOrTx, params: WindowParams): Promise<ClusterPoints> {
  const row = await queryRow<{ n: number; pts: Uint8Array | null }>(
    db,
    sql`select count(*)::int as n,
          string_agg(int8send(complaints.id) || float8send(ST_X(complaints.location_m)) || float8send(ST_Y(complaints.location_m)), ''::bytea) as pts
        from complaints where ${windowSql(params)}`,
  );
  const n = row?.n ?? 0;
  const ids = new Float64Array(n);
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  if (n === 0 || !row?.pts) return { ids, xs, ys };
  const bytes = row.pts;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Sort record numbers by id: id · 2²¹ + record is exact in a double for ids below 2³² (a native sort).
  const RECORD = 2 ** 21;
  if (n >= RECORD) throw new RangeError('listClusterPoints: more than 2 097 152 complaints in one window');
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const id = Number(view.getBigInt64(i * 24));
    if (id >= 2 ** 32) throw new RangeError('listClusterPoints: complaint id beyond 2³²');
    keys[i] = id * RECORD + i;
  }
  keys.sort();
  for (let k = 0; k < n; k++) {
    const i = keys[k]! % RECORD;
    ids[k] = (keys[k]! - i) / RECORD;
    xs[k] = view.getFloat64(i * 24 + 8);
    ys[k] = view.getFloat64(i * 24 + 16);
  }
  return { ids, xs, ys };
}

/**
 * Radius, centroid, hull, top categories, buildings, facilities and newest complaints of each cluster
 * of `clustered` (rows of `complaints`' columns plus `cluster`), largest first: one grouped pass each,
 * never a scan of all clustered points per cluster. Points are collected in id order, so the centroid's
 * last bits and a two-point hull's direction do not depend on the plan.
 */
function clusterDetailsSql(clustered: SQL): SQL {
  return sql`with clustered as materialized (${clustered}
        ), summary as (
          select cluster, count(*)::int as count, ST_Centroid(ST_Collect(location order by id)) as centre,
            ST_ConvexHull(ST_Collect(location order by id)) as hull
          from clustered group by cluster
        ), radius as (
          select c.cluster, max(ST_Distance(c.location_m, ST_Transform(s.centre, ${SRID})))::float8 as r
          from clustered c join summary s using (cluster) group by c.cluster
        ), cats as (
          select cluster, json_agg(json_build_object('code', code, 'name', name, 'nameEn', name_en, 'count', count) order by count desc, code) as list
          from (
            select cluster, code, name, name_en, count, row_number() over (partition by cluster order by count desc, code) as rn
            from (
              select c.cluster, coalesce(cat.parent_code, c.category_code) as code,
                max(coalesce(parent.name_zh, cat.name_zh)) as name,
                max(coalesce(parent.name_en, cat.name_en)) as name_en, count(*)::int as count
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
        order by s.count desc, s.cluster`;
}

const CLUSTERED_COLUMNS = sql`complaints.id, complaints.location, complaints.location_m, complaints.category_code,
  complaints.building_id, complaints.facility_id, complaints.tracking_code, complaints.title, complaints.status,
  complaints.submitted_at`;

/**
 * The details of clusters given as complaint ids and their cluster labels (parallel arrays). The ids
 * alone select the complaints (adding the window's condition let the planner pick a plan that took
 * minutes for a 1-month window at 1 M complaints).
 */
export async function listClusterDetails(
  db: DbOrTx,
  members: { ids: number[]; clusters: number[] },
): Promise<ClusterRow[]> {
  if (members.ids.length === 0) return [];
  return queryRows<ClusterRow>(
    db,
    clusterDetailsSql(sql`select ${CLUSTERED_COLUMNS}, m.cluster
          from unnest(${sql.param(members.ids)}::bigint[], ${sql.param(members.clusters)}::int[]) as m(id, cluster)
          join complaints on complaints.id = m.id
          where complaints.id = any(${sql.param(members.ids)}::bigint[])`),
  );
}

/**
 * The same clusters from PostGIS: `ST_ClusterDBSCAN` over the window's complaints in id order (its
 * border points and labels depend on the input order), the `limit` largest by count then label.
 * The labels are PostGIS's (union-find roots); the reference for tests and the bench, not the API's.
 */
export async function listPostgisDbscanClusters(
  db: DbOrTx,
  params: WindowParams & { epsM: number; minPoints: number; limit: number },
): Promise<ClusterRow[]> {
  return queryRows<ClusterRow>(
    db,
    clusterDetailsSql(sql`with pts as materialized (
          select ${CLUSTERED_COLUMNS},
            ST_ClusterDBSCAN(complaints.location_m, eps => ${params.epsM}::float8, minpoints => ${params.minPoints}::int)
              over (order by complaints.id) as cluster
          from complaints where ${windowSql(params)}
        ), sizes as (
          select cluster, count(*)::int as count from pts where cluster is not null group by cluster
          order by count desc, cluster limit ${params.limit}
        )
        select p.* from pts p join sizes s using (cluster)`),
  );
}
