/**
 * SQL for complaint links (a complaint's building, household and facility, decided by
 * `lib/linking/`): which links count, gathering the linker's candidates, writing and correcting links.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { LocationPrecision } from '@/lib/complaints/vocabulary';
import { type CaseLinks, FACILITY_LINK_MIN_CONFIDENCE } from '@/lib/linking/case-links.types';
import type { DbOrTx } from '../client';
import { queryRow, queryRows, queryRowsPrepared } from '../sql';

export { FACILITY_LINK_MIN_CONFIDENCE };

/**
 * "This complaint's facility link counts for findings": it has a facility, and staff confirmed or
 * corrected the link, or the linker's confidence is at least `FACILITY_LINK_MIN_CONFIDENCE`.
 *
 * Usage: `countedFacilityLinkSql('c')` in a query over `complaints c`; `countedFacilityLinkSql()`
 * (no alias) over an unaliased `complaints` where no other table in the query has columns named
 * `facility_id` / `facility_link_state` / `facility_link_confidence` (the names are left unqualified).
 */
export function countedFacilityLinkSql(alias?: string): SQL {
  const q = alias ? sql.raw(`${quoteIdent(alias)}.`) : sql.raw('');
  return sql`(${q}facility_id is not null and (${q}facility_link_state in ('confirmed', 'corrected')
    or ${q}facility_link_confidence >= ${sql.raw(String(FACILITY_LINK_MIN_CONFIDENCE))}))`;
}

function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/i.test(name)) throw new Error(`countedFacilityLinkSql: bad alias ${name}`);
  return name;
}

/** Metres to a degree box that surely holds them here (1° of latitude ≈ 111 km, of longitude ≥ 99 km). */
const degrees = (m: number) => m / 90_000 + 1e-6;

export interface GazetteerFacilityRow {
  id: number;
  kind: string;
  name: string;
  lng: number;
  lat: number;
  buildingId: number | null;
}

/** Every facility, for the gazetteer (the reference-data cache holds it). */
export async function listGazetteerFacilities(db: DbOrTx): Promise<GazetteerFacilityRow[]> {
  const rows = await queryRows<{
    id: number;
    kind: string;
    name: string;
    lng: number;
    lat: number;
    building_id: number | null;
  }>(
    db,
    sql`select id, kind::text as kind, name, ST_X(location) as lng, ST_Y(location) as lat, building_id
        from facilities order by id`,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    kind: r.kind,
    name: r.name,
    lng: Number(r.lng),
    lat: Number(r.lat),
    buildingId: r.building_id === null ? null : Number(r.building_id),
  }));
}

export interface LinkPoint {
  lng: number;
  lat: number;
  /** A unit named in the text (`2单元301`): the building's household with it comes back. */
  unit: string | null;
  /** A building the reporter picked. */
  reporterBuildingId: number | null;
}

interface BuildingJson {
  id: number;
  address: string;
  hh: number | null;
  d: number;
}

export interface LinkCandidateRow {
  gridId: number | null;
  covering: { id: number; address: string; householdId: number | null; distanceM: number } | null;
  nearest: { id: number; address: string; householdId: number | null; distanceM: number } | null;
  reporter: { id: number; address: string; householdId: number | null; distanceM: number } | null;
  facilities: { id: number; via: 'area' | 'point' | 'kind'; distanceM: number }[];
}

/** How far the linker's candidates reach (`lib/linking/decide-links.ts`'s ranges). */
export interface LinkRanges {
  nearM: number;
  pointM: number;
  kindM: number;
}

/**
 * The spatial candidates of the linker (`lib/linking/decide-links.ts`) over the points of a
 * relation `lp(i, g, unit, reporter)` the caller defines, one row per point (columns i, grid,
 * covering, nearest, reporter, facilities), each part GiST-indexed: the grid covering the point;
 * the footprint covering it; else the nearest footprint of that grid within `nearM`; the building
 * the reporter picked; the facilities whose building or compound boundary covers the point, those
 * within `pointM`, and the nearest facility of each kind within `kindM`. Households come only for a
 * unit named in the text. One text for every caller: many points (`listLinkCandidates`) and
 * intake's locating statements (`locateForIntake` for one point, `locateManyForIntake`).
 */
export function linkCandidatesOf(m: LinkRanges): SQL {
  // Candidates are found and ordered in degrees (GiST, KNN); metres on the sphere only for the few kept.
  return sql`select q.i, q.grid,
          case when q.cov_id is null then null else json_build_object('id', q.cov_id, 'address', q.cov_address, 'd', 0,
            'hh', case when q.unit is null then null else
              (select h.id from households h where h.building_id = q.cov_id and h.unit = q.unit order by h.id limit 1) end) end as covering,
          (select json_build_object('id', b.id, 'address', b.address,
             'd', ST_Distance(b.footprint::geography, q.g::geography)::float8,
             'hh', case when q.unit is null then null else
               (select h.id from households h where h.building_id = b.id and h.unit = q.unit order by h.id limit 1) end)
           from buildings b where b.id = q.near_id) as nearest,
          (select json_build_object('id', b.id, 'address', b.address,
             'd', ST_Distance(b.footprint::geography, q.g::geography)::float8,
             'hh', case when q.unit is null then null else
               (select h.id from households h where h.building_id = b.id and h.unit = q.unit order by h.id limit 1) end)
           from buildings b where b.id = q.reporter) as reporter,
          (select coalesce(json_agg(json_build_object('id', x.id, 'via', x.via,
                    'd', case when x.via = 'area' then 0 else ST_Distance(x.location::geography, q.g::geography)::float8 end)
                  order by x.via, x.id), '[]'::json)
           from (
             select f.id, 'area' as via, f.location from facilities f
             where (q.cov_id is not null and f.building_id = q.cov_id)
                or (f.boundary is not null and ST_Covers(f.boundary, q.g))
             union all
             select f.id, 'point' as via, f.location from facilities f
             where f.boundary is null and ST_DWithin(f.location, q.g, ${degrees(m.pointM)}::float8)
             union all
             select * from (
               select distinct on (f.kind) f.id, 'kind' as via, f.location
               from facilities f where ST_DWithin(f.location, q.g, ${degrees(m.kindM)}::float8)
               order by f.kind, f.location <-> q.g, f.id) fk
           ) x) as facilities
        from (
          select lp.*, pg.grid, cov.id as cov_id, cov.address as cov_address,
            (select b.id from buildings b
             where cov.id is null and ST_DWithin(b.footprint, lp.g, ${degrees(m.nearM)}::float8)
               and (pg.grid is null or b.grid_id = pg.grid)
             order by b.footprint <-> lp.g, b.id limit 1) as near_id
          from lp
          left join lateral (select g.id as grid from grids g where ST_Covers(g.boundary, lp.g) order by g.id limit 1) pg on true
          left join lateral (select b.id, b.address from buildings b where ST_Covers(b.footprint, lp.g) order by b.id limit 1) cov on true) q`;
}

/** One point's row of `linkCandidatesOf`, as node-postgres returns it (JSON parsed or not). */
export interface LinkCandidateRaw extends Record<string, unknown> {
  grid: number | null;
  covering: BuildingJson | string | null;
  nearest: BuildingJson | string | null;
  reporter: BuildingJson | string | null;
  facilities: { id: number; via: string; d: number }[] | string | null;
}

const parsed = <T>(v: T | string | null): T | null => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

function building(v: BuildingJson | string | null): LinkCandidateRow['covering'] {
  const b = parsed(v);
  return b
    ? {
        id: Number(b.id),
        address: b.address,
        householdId: b.hh === null ? null : Number(b.hh),
        distanceM: Number(b.d),
      }
    : null;
}

/** A raw candidates row as the linker reads it. */
export function toLinkCandidateRow(r: LinkCandidateRaw): LinkCandidateRow {
  return {
    gridId: r.grid === null ? null : Number(r.grid),
    covering: building(r.covering),
    nearest: building(r.nearest),
    reporter: building(r.reporter),
    facilities: (parsed(r.facilities) ?? []).map((f) => ({
      id: Number(f.id),
      via: f.via as 'area' | 'point' | 'kind',
      distanceM: Number(f.d),
    })),
  };
}

/**
 * The linker's spatial candidates (`linkCandidatesOf`) for many points in one statement. Prepared
 * by name on the server.
 */
export async function listLinkCandidates(
  db: DbOrTx,
  points: readonly LinkPoint[],
  m: LinkRanges,
): Promise<LinkCandidateRow[]> {
  if (points.length === 0) return [];
  const rows = await queryRowsPrepared<LinkCandidateRaw & { i: number }>(
    db,
    'link_candidates',
    sql`with lp as (
          select t.i, ST_SetSRID(ST_MakePoint(t.lng, t.lat), 4326) as g, t.unit, t.reporter
          from unnest(${sql.param(points.map((_, i) => i))}::int[], ${sql.param(points.map((p) => p.lng))}::float8[],
            ${sql.param(points.map((p) => p.lat))}::float8[], ${sql.param(points.map((p) => p.unit))}::text[],
            ${sql.param(points.map((p) => p.reporterBuildingId))}::int[]) as t(i, lng, lat, unit, reporter))
        ${linkCandidatesOf(m)}
        order by q.i`,
  );
  return rows.map(toLinkCandidateRow);
}

/**
 * The same candidates for one point, as a scalar subquery a statement can carry (intake's locating
 * statement, `locateForIntake`): a JSON object with the columns of `LinkCandidateRaw`. Scalar
 * parameters (no arrays), so PostgreSQL keeps a generic plan for the prepared statement instead of
 * planning it again on every call.
 */
export function linkCandidatesOfPoint(
  p: { lng: number; lat: number; unit: string | null; reporterBuildingId: number | null },
  m: LinkRanges,
): SQL {
  return sql`(select to_json(lc) from (
      with lp as (select 0 as i, ST_SetSRID(ST_MakePoint(${p.lng}::float8, ${p.lat}::float8), 4326) as g,
        ${p.unit}::text as unit, ${p.reporterBuildingId}::int as reporter)
      ${linkCandidatesOf(m)}) lc)`;
}

/**
 * Buildings whose address matches an address written in a complaint: the address ends with the
 * tail (`124号1栋`, `1组10号`; spaces ignored) or holds it before a non-digit, and the text names the
 * building's road (the second space-separated part of `<division> <road> <n> 号 <m> 栋`) or, for a
 * rural address `<division> <g>组 <n> 号`, its village (the division name after its 乡/镇/街道).
 * A scan of the buildings table (a few ms for 10 k buildings): run only for complaints no building
 * was found for by place.
 */
export async function listBuildingsByAddress(
  db: DbOrTx,
  asks: readonly {
    i: number;
    tail: string;
    written: string;
    text: string;
    lng: number | null;
    lat: number | null;
    unit: string | null;
  }[],
): Promise<
  {
    i: number;
    id: number;
    address: string;
    householdId: number | null;
    distanceM: number;
    written: string;
    road: string | null;
  }[]
> {
  if (asks.length === 0) return [];
  const rows = await queryRows<{
    i: number;
    id: number;
    address: string;
    hh: number | null;
    d: number | null;
    written: string;
    road: string;
  }>(
    db,
    sql`with a as (
          select * from unnest(${sql.param(asks.map((a) => a.i))}::int[], ${sql.param(asks.map((a) => a.tail))}::text[],
            ${sql.param(asks.map((a) => a.written))}::text[], ${sql.param(asks.map((a) => a.text))}::text[],
            ${sql.param(asks.map((a) => a.lng))}::float8[], ${sql.param(asks.map((a) => a.lat))}::float8[],
            ${sql.param(asks.map((a) => a.unit))}::text[]) as t(i, tail, written, text, lng, lat, unit))
        select a.i, b.id, b.address, a.written, split_part(b.address, ' ', 2) as road,
          (select h.id from households h where h.building_id = b.id and h.unit = a.unit order by h.id limit 1) as hh,
          case when a.lng is null then null
            else ST_Distance(b.centre::geography, ST_SetSRID(ST_MakePoint(a.lng, a.lat), 4326)::geography)::float8 end as d
        from a
        join lateral (
          select b.id, b.address, b.centre from buildings b
          where strpos(replace(b.address, ' ', ''), a.tail) > 0
            and replace(b.address, ' ', '') ~ ('(^|[^0-9])' || a.tail)
            and strpos(a.text, case when split_part(b.address, ' ', 2) ~ '组$'
                  then regexp_replace(split_part(b.address, ' ', 1), '^.*(乡|镇|街道)', '')
                  else split_part(b.address, ' ', 2) end) > 0
            and split_part(b.address, ' ', 2) <> ''
          order by b.id limit 20) b on true
        order by a.i, b.id`,
  );
  return rows.map((r) => ({
    i: Number(r.i),
    id: Number(r.id),
    address: r.address,
    householdId: r.hh === null ? null : Number(r.hh),
    distanceM: r.d === null ? 0 : Number(r.d),
    written: r.written,
    road: /组$/.test(r.road) ? null : r.road,
  }));
}

export interface ComplaintToLink {
  id: number;
  title: string;
  description: string;
  address: string | null;
  categoryCode: string | null;
  lng: number;
  lat: number;
  /** What the point is (a reporter's, or derived from a written address: linking heeds it). */
  locationPrecision: LocationPrecision;
  buildingLinkState: 'auto' | 'confirmed' | 'corrected';
  facilityLinkState: 'auto' | 'confirmed' | 'corrected';
}

/**
 * Complaints to (re)link: the given ids, or the next `limit` after `afterId` in id order (keyset;
 * `upToId` bounds the range, for parallel workers),
 * leaving out those whose two links are both staff's (nothing a re-run may change).
 */
export async function listComplaintsToLink(
  db: DbOrTx,
  p: { ids: readonly number[] } | { afterId: number; limit: number; upToId?: number },
): Promise<{ rows: ComplaintToLink[]; lastId: number | null }> {
  const where =
    'ids' in p
      ? sql`c.id = any(${sql.param([...p.ids])}::bigint[])`
      : p.upToId !== undefined
        ? sql`c.id > ${p.afterId} and c.id <= ${p.upToId}`
        : sql`c.id > ${p.afterId}`;
  const limit = 'ids' in p ? sql`` : sql`limit ${p.limit}`;
  const rows = await queryRows<{
    id: number;
    title: string;
    description: string;
    address: string | null;
    category_code: string | null;
    lng: number;
    lat: number;
    lp: LocationPrecision;
    bs: 'auto' | 'confirmed' | 'corrected';
    fs: 'auto' | 'confirmed' | 'corrected';
  }>(
    db,
    sql`select c.id, c.title, c.description, c.address, c.category_code, ST_X(c.location) as lng, ST_Y(c.location) as lat,
          c.location_precision::text as lp, c.building_link_state::text as bs, c.facility_link_state::text as fs
        from complaints c where ${where} order by c.id ${limit}`,
  );
  return {
    lastId: rows.length > 0 ? Number(rows[rows.length - 1]!.id) : null,
    rows: rows
      .filter((r) => r.bs === 'auto' || r.fs === 'auto')
      .map((r) => ({
        id: Number(r.id),
        title: r.title,
        description: r.description,
        address: r.address,
        categoryCode: r.category_code,
        lng: Number(r.lng),
        lat: Number(r.lat),
        locationPrecision: r.lp,
        buildingLinkState: r.bs,
        facilityLinkState: r.fs,
      })),
  };
}

export interface LinkUpdate {
  id: number;
  /** null: leave the building part as it is. */
  building: {
    buildingId: number | null;
    householdId: number | null;
    method: string | null;
    confidence: number | null;
    reason: string | null;
  } | null;
  facility: {
    facilityId: number | null;
    method: string | null;
    confidence: number | null;
    reason: string | null;
  } | null;
}

/**
 * Write the linker's decisions in one statement: only parts still `auto` (a staff confirmation or
 * correction is never overwritten, even one made since the decision was read) and only rows that
 * change (a re-run over linked complaints writes nothing). Returns the ids updated.
 */
export async function updateAutoLinks(db: DbOrTx, updates: readonly LinkUpdate[]): Promise<number[]> {
  if (updates.length === 0) return [];
  const col = <T>(f: (u: LinkUpdate) => T) => sql.param(updates.map(f));
  const rows = await queryRows<{ id: number }>(
    db,
    sql`with u as (
          select * from unnest(${col((u) => u.id)}::bigint[],
            ${col((u) => u.building !== null)}::bool[], ${col((u) => u.building?.buildingId ?? null)}::int[],
            ${col((u) => u.building?.householdId ?? null)}::int[], ${col((u) => u.building?.method ?? null)}::text[],
            ${col((u) => u.building?.confidence ?? null)}::real[], ${col((u) => u.building?.reason ?? null)}::text[],
            ${col((u) => u.facility !== null)}::bool[], ${col((u) => u.facility?.facilityId ?? null)}::int[],
            ${col((u) => u.facility?.method ?? null)}::text[], ${col((u) => u.facility?.confidence ?? null)}::real[],
            ${col((u) => u.facility?.reason ?? null)}::text[])
            as t(id, sb, building_id, household_id, bm, bc, br, sf, facility_id, fm, fc, fr)),
        n as (
          select c.id,
            case when u.sb and c.building_link_state = 'auto' then u.building_id else c.building_id end as building_id,
            case when u.sb and c.building_link_state = 'auto' then u.household_id else c.household_id end as household_id,
            case when u.sb and c.building_link_state = 'auto' then u.bm::link_method else c.building_link_method end as bm,
            case when u.sb and c.building_link_state = 'auto' then u.bc else c.building_link_confidence end as bc,
            case when u.sb and c.building_link_state = 'auto' then u.br else c.building_link_reason end as br,
            case when u.sf and c.facility_link_state = 'auto' then u.facility_id else c.facility_id end as facility_id,
            case when u.sf and c.facility_link_state = 'auto' then u.fm::link_method else c.facility_link_method end as fm,
            case when u.sf and c.facility_link_state = 'auto' then u.fc else c.facility_link_confidence end as fc,
            case when u.sf and c.facility_link_state = 'auto' then u.fr else c.facility_link_reason end as fr
          from u join complaints c on c.id = u.id)
        update complaints c set building_id = n.building_id, household_id = n.household_id,
          building_link_method = n.bm, building_link_confidence = n.bc, building_link_reason = n.br,
          facility_id = n.facility_id, facility_link_method = n.fm, facility_link_confidence = n.fc,
          facility_link_reason = n.fr
        from n
        where c.id = n.id
          and (c.building_id, c.household_id, c.building_link_method, c.building_link_confidence, c.building_link_reason,
               c.facility_id, c.facility_link_method, c.facility_link_confidence, c.facility_link_reason)
            is distinct from (n.building_id, n.household_id, n.bm, n.bc, n.br, n.facility_id, n.fm, n.fc, n.fr)
        returning c.id`,
  );
  return rows.map((r) => Number(r.id));
}

/** How many complaints are linked, by part and method (for `npm run link:complaints`). */
export async function listLinkShares(db: DbOrTx): Promise<{
  total: number;
  building: { method: string | null; state: string; n: number }[];
  facility: { method: string | null; state: string; n: number; counted: number }[];
}> {
  const [total, building, facility] = await Promise.all([
    queryRows<{ n: number }>(db, sql`select count(*)::int as n from complaints`),
    queryRows<{ method: string | null; state: string; n: number }>(
      db,
      sql`select building_link_method::text as method, building_link_state::text as state, count(*)::int as n
          from complaints group by 1, 2 order by 3 desc`,
    ),
    queryRows<{ method: string | null; state: string; n: number; counted: number }>(
      db,
      sql`select facility_link_method::text as method, facility_link_state::text as state, count(*)::int as n,
            (count(*) filter (where ${countedFacilityLinkSql()}))::int as counted
          from complaints group by 1, 2 order by 3 desc`,
    ),
  ]);
  return {
    total: Number(total[0]?.n ?? 0),
    building: building.map((r) => ({ ...r, n: Number(r.n) })),
    facility: facility.map((r) => ({ ...r, n: Number(r.n), counted: Number(r.counted) })),
  };
}

/** A case's links in words, and what staff may pick instead (the caller has checked the case is in scope). */
export async function getCaseLinks(
  db: DbOrTx,
  complaintId: number,
  withOptions: boolean,
): Promise<CaseLinks | null> {
  const row = await queryRow<{
    building_id: number | null;
    address: string | null;
    bm: string | null;
    bc: number | null;
    br: string | null;
    bs: string;
    facility_id: number | null;
    name: string | null;
    kind: string | null;
    fm: string | null;
    fc: number | null;
    fr: string | null;
    fs: string;
    lp: string;
    buildings: { id: number; address: string; d: number }[] | string | null;
    facilities: { id: number; name: string; kind: string; d: number }[] | string | null;
  }>(
    db,
    sql`select c.building_id, b.address, c.building_link_method::text as bm, c.building_link_confidence as bc,
          c.building_link_reason as br, c.building_link_state::text as bs,
          c.facility_id, f.name, f.kind::text as kind, c.facility_link_method::text as fm,
          c.facility_link_confidence as fc, c.facility_link_reason as fr, c.facility_link_state::text as fs,
          c.location_precision::text as lp,
          ${
            withOptions
              ? sql`(select json_agg(x order by x.d, x.id) from (
                   select b2.id, b2.address, round(ST_Distance(b2.centre::geography, c.location::geography))::int as d
                   from buildings b2 where ST_DWithin(b2.centre, c.location, ${degrees(300)}::float8)
                   order by b2.centre <-> c.location limit 30) x) as buildings,
                 (select json_agg(x order by x.d, x.id) from (
                   select f2.id, f2.name, f2.kind::text as kind,
                     round(ST_Distance(f2.location::geography, c.location::geography))::int as d
                   from facilities f2 where ST_DWithin(f2.location, c.location, ${degrees(5000)}::float8)
                   order by f2.location <-> c.location limit 40) x) as facilities`
              : sql`null::json as buildings, null::json as facilities`
          }
        from complaints c
        left join buildings b on b.id = c.building_id
        left join facilities f on f.id = c.facility_id
        where c.id = ${complaintId}`,
  );
  if (!row) return null;
  const parse = <T>(v: T[] | string | null): T[] =>
    typeof v === 'string' ? (JSON.parse(v) as T[]) : (v ?? []);
  const num = (v: number | null) => (v === null ? null : Number(v));
  return {
    locationPrecision: row.lp,
    building: {
      id: num(row.building_id),
      address: row.address,
      method: row.bm,
      confidence: num(row.bc),
      reason: row.br,
      state: row.bs,
    },
    facility: {
      id: num(row.facility_id),
      name: row.name,
      kind: row.kind,
      method: row.fm,
      confidence: num(row.fc),
      reason: row.fr,
      state: row.fs,
    },
    options: {
      buildings: parse(row.buildings).map((b) => ({
        id: Number(b.id),
        address: b.address,
        distanceM: Number(b.d),
      })),
      facilities: parse(row.facilities).map((f) => ({
        id: Number(f.id),
        name: f.name,
        kind: f.kind,
        distanceM: Number(f.d),
      })),
    },
  };
}
