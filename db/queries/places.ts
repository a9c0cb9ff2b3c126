/**
 * Where a point is, in words a resident recognises: its county, town and village names and the
 * nearest building's address. Public data only (division names, a building's address and centre);
 * never households, persons or complaints.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { queryRow, queryRows } from '../sql';

export interface PlaceRow {
  county: string | null;
  town: string | null;
  village: string | null;
  building: { id: number; address: string; lng: number; lat: number; distanceM: number } | null;
}

interface Raw extends Record<string, unknown> {
  county: string | null;
  town: string | null;
  village: string | null;
  bid: number | null;
  address: string | null;
  blng: number | null;
  blat: number | null;
  d: number | null;
}

const toPlace = (r: Raw | undefined): PlaceRow | null =>
  r
    ? {
        county: r.county,
        town: r.town,
        village: r.village,
        building:
          r.bid !== null && r.address !== null
            ? {
                id: Number(r.bid),
                address: r.address,
                lng: r.blng!,
                lat: r.blat!,
                distanceM: Math.round(r.d ?? 0),
              }
            : null,
      }
    : null;

/**
 * The divisions covering a WGS84 point and the building nearest to it within `radiusM` (distance
 * to its footprint: 0 inside it). Null outside every county of the city.
 */
export async function getPlaceAt(
  db: DbOrTx,
  p: { lng: number; lat: number; radiusM: number },
): Promise<PlaceRow | null> {
  const row = await queryRow<Raw>(
    db,
    sql`with p as (select ST_SetSRID(ST_MakePoint(${p.lng}::float8, ${p.lat}::float8), 4326) as g)
        select
          (select d.name from divisions d, p where d.level = 'county' and ST_Covers(d.boundary, p.g) limit 1) as county,
          (select d.name from divisions d, p where d.level = 'town' and ST_Covers(d.boundary, p.g) limit 1) as town,
          (select d.name from divisions d, p where d.level = 'village' and ST_Covers(d.boundary, p.g) limit 1) as village,
          nb.id as bid, nb.address, nb.lng as blng, nb.lat as blat, nb.d
        from p left join lateral (
          select b.id, b.address, ST_X(b.centre)::float8 as lng, ST_Y(b.centre)::float8 as lat,
                 ST_Distance(b.footprint::geography, p.g::geography)::float8 as d
          from buildings b
          where ST_DWithin(b.footprint, p.g, ${p.radiusM / 90_000 + 1e-6}::float8)
          order by b.footprint <-> p.g, b.id limit 1) nb on nb.d <= ${p.radiusM}`,
  );
  if (!row?.county) return null;
  return toPlace(row);
}

/** One building's place (its own address, centre and divisions), for a report preselecting it. */
export async function getBuildingPlace(db: DbOrTx, p: { buildingId: number }): Promise<PlaceRow | null> {
  const row = await queryRow<Raw>(
    db,
    sql`select c.name as county, t.name as town, v.name as village,
          b.id as bid, b.address, ST_X(b.centre)::float8 as blng, ST_Y(b.centre)::float8 as blat, 0::float8 as d
        from buildings b join grids g on g.id = b.grid_id
        left join divisions v on v.code = g.village_code
        left join divisions t on t.code = v.parent_code
        left join divisions c on c.code = t.parent_code
        where b.id = ${p.buildingId}`,
  );
  return toPlace(row);
}

export interface DivisionName extends Record<string, unknown> {
  code: string;
  parentCode: string | null;
  name: string;
  level: 'city' | 'county' | 'town' | 'village';
  lng: number;
  lat: number;
}

/** Every division's name, level, parent and centre (a few hundred rows): what an address is read against. */
export async function listDivisionNames(db: DbOrTx): Promise<DivisionName[]> {
  const rows = await queryRows<DivisionName>(
    db,
    sql`select code, parent_code as "parentCode", name, level::text as level,
          ST_X(coalesce(centre, ST_PointOnSurface(boundary)))::float8 as lng,
          ST_Y(coalesce(centre, ST_PointOnSurface(boundary)))::float8 as lat
        from divisions order by code`,
  );
  return rows.map((r) => ({ ...r, lng: Number(r.lng), lat: Number(r.lat) }));
}

/** The village each facility lies in, by id. */
export async function listFacilityDivisions(
  db: DbOrTx,
  ids: readonly number[],
): Promise<{ id: number; divisionCode: string }[]> {
  if (ids.length === 0) return [];
  const rows = await queryRows<{ id: number; division_code: string }>(
    db,
    sql`select id, division_code from facilities where id = any(${sql.param([...ids])}::int[]) order by id`,
  );
  return rows.map((r) => ({ id: Number(r.id), divisionCode: r.division_code }));
}
