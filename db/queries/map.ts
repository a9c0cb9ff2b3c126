/** What the map needs, built as GeoJSON / compact arrays in SQL (only db/ knows ST_*). */
import { type SQL, sql } from 'drizzle-orm';
import {
  CLOSED_STATUSES,
  type DeadlineState,
  DUE_SOON_HOURS,
  RESOLVED_STATUSES,
} from '@/lib/sla/deadline-state';
import type { DbOrTx } from '../client';
import { queryRow, queryRows } from '../sql';

export type AreaLevel = 'city' | 'county' | 'town' | 'village';

/** Simplification tolerance per level (degrees): enough for the zooms each level shows at. */
const SIMPLIFY: Record<AreaLevel, number> = { city: 0.001, county: 0.0005, town: 0.0002, village: 0.0001 };

/** Division areas of one level as a GeoJSON FeatureCollection text, with label points. */
export async function getAreasGeoJson(db: DbOrTx, level: AreaLevel): Promise<string> {
  const row = await queryRow<{ fc: string }>(
    db,
    sql`select json_build_object(
        'type', 'FeatureCollection',
        'features', coalesce(json_agg(json_build_object(
          'type', 'Feature',
          'id', d.code,
          'properties', json_build_object(
            'code', d.code, 'name', d.name, 'level', d.level, 'parent', d.parent_code,
            'labelLng', round(ST_X(ST_PointOnSurface(d.boundary))::numeric, 5),
            'labelLat', round(ST_Y(ST_PointOnSurface(d.boundary))::numeric, 5)),
          'geometry', ST_AsGeoJSON(ST_Multi(ST_SimplifyPreserveTopology(d.boundary, ${SIMPLIFY[level]})), 5)::json
        ) order by d.code), '[]'::json))::text as fc
      from divisions d where d.level = ${level}`,
  );
  return row?.fc ?? '{"type":"FeatureCollection","features":[]}';
}

export interface Bbox {
  west: number;
  south: number;
  east: number;
  north: number;
}

export const envelope = (b: Bbox) => sql`ST_MakeEnvelope(${b.west}, ${b.south}, ${b.east}, ${b.north}, 4326)`;

/** Grids intersecting the view, as GeoJSON (shown at high zoom only). */
export async function getGridsGeoJson(db: DbOrTx, bbox: Bbox, limit: number): Promise<string> {
  const row = await queryRow<{ fc: string }>(
    db,
    sql`select json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
          'type', 'Feature', 'id', g.id,
          'properties', json_build_object('id', g.id, 'code', g.code, 'name', g.name, 'village', g.village_code),
          'geometry', ST_AsGeoJSON(g.boundary, 6)::json)), '[]'::json))::text as fc
        from (select id, code, name, village_code, boundary from grids
              where boundary && ${envelope(bbox)} order by id limit ${limit}) g`,
  );
  return row?.fc ?? '{"type":"FeatureCollection","features":[]}';
}

/** The deadline state in SQL, mirroring lib/sla/deadline-state.ts; `table` names the complaints row. */
export function deadlineStateSql(now: Date, table: SQL = sql.raw('c')): SQL {
  const closed = sql.join(
    CLOSED_STATUSES.map((s) => sql`${s}`),
    sql`, `,
  );
  const resolved = sql.join(
    RESOLVED_STATUSES.map((s) => sql`${s}`),
    sql`, `,
  );
  return sql`case
    when ${table}.status in (${resolved}) and ${table}.resolved_at > ${table}.resolve_due_at then 'done_late'
    when ${table}.status in (${closed}) then 'done'
    when ${table}.resolve_due_at is null then 'on_track'
    when ${table}.resolve_due_at < ${now.toISOString()}::timestamptz then 'overdue'
    when ${table}.resolve_due_at <= ${now.toISOString()}::timestamptz + make_interval(hours => ${DUE_SOON_HOURS}) then 'due_soon'
    else 'on_track' end`;
}

/** One complaint on the public home map (no personal data). */
export interface HomeMapPoint {
  id: number;
  lng: number;
  lat: number;
  category: string | null;
  status: string;
  deadline: DeadlineState;
}
type MapPointRow = HomeMapPoint & Record<string, unknown>;

/**
 * Complaint points in the view (never misconduct reports: those belong to the 纪委 alone),
 * newest first, at most `limit`. `scope` is the caller's jurisdiction condition on `c`.
 */
export async function listMapPoints(
  db: DbOrTx,
  params: { bbox: Bbox; limit: number; now: Date; scope?: SQL },
): Promise<{ total: number; points: HomeMapPoint[] }> {
  const where = sql`c.kind = 'complaint' and c.location && ${envelope(params.bbox)} ${params.scope ? sql`and (${params.scope})` : sql``}`;
  const total = await queryRow<{ n: number }>(
    db,
    sql`select count(*)::int as n from complaints c where ${where}`,
  );
  const points = await queryRows<MapPointRow>(
    db,
    sql`select c.id::int as id, round(ST_X(c.location)::numeric, 6)::float8 as lng,
          round(ST_Y(c.location)::numeric, 6)::float8 as lat,
          coalesce(cat.parent_code, cat.code) as category, c.status::text as status,
          ${deadlineStateSql(params.now)} as deadline
        from complaints c left join categories cat on cat.code = c.category_code where ${where}
        order by c.submitted_at desc limit ${params.limit}`,
  );
  return { total: total?.n ?? 0, points };
}
