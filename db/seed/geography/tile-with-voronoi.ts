/**
 * Synthesised areas that tile their parent exactly: the Voronoi cells of generator points,
 * clipped to the parent division's boundary, computed in PostGIS. Uses only functions that
 * PostGIS 3.3 (server) and 3.6 (PGlite) both have.
 *
 * Each generator point lies strictly inside its parent, so every cell ∩ parent is non-empty and
 * the clipped cells cover the parent with no gaps or overlaps (up to floating-point noise). A
 * cell is matched back to its generator by containment (a generator is interior to its cell). A
 * parent with a single child is tiled by its own boundary.
 */
import { sql } from 'drizzle-orm';
import type { LngLat } from '@/lib/geo/convert-datum';
import type { DbOrTx } from '../../client';

export interface Generator {
  code: string;
  /** The division whose boundary is tiled (a county, town or village). */
  parentCode: string;
  point: LngLat;
}

/** The scratch table the tiles land in; dropped at the end of the seeding transaction. */
export const TILES_TABLE = 'seed_tiles';

/** Replace the contents of `seed_tiles (code, parent_code, centre, boundary)` with the tiles of these generators. */
export async function computeVoronoiTiles(tx: DbOrTx, generators: readonly Generator[]): Promise<void> {
  await tx.execute(sql`create temp table if not exists seed_tiles (
    code text primary key, parent_code text not null, centre geometry(Point, 4326) not null,
    boundary geometry(MultiPolygon, 4326) not null) on commit drop`);
  await tx.execute(sql`truncate seed_tiles`);
  await tx.execute(sql`
    with pts as (
      select t.code, t.parent_code, ST_SetSRID(ST_MakePoint(t.lng, t.lat), 4326) as geom
      from unnest(${sql.param(generators.map((g) => g.code))}::text[],
                  ${sql.param(generators.map((g) => g.parentCode))}::text[],
                  ${sql.param(generators.map((g) => g.point[0]))}::float8[],
                  ${sql.param(generators.map((g) => g.point[1]))}::float8[]) as t(code, parent_code, lng, lat)
    ),
    groups as (
      select p.parent_code, ST_Collect(p.geom) as points, count(*) as n from pts p group by p.parent_code
    ),
    cells as (
      select g.parent_code,
             (ST_Dump(ST_VoronoiPolygons(g.points, 0, ST_Expand(d.boundary, 0.05)))).geom as cell
      from groups g join divisions d on d.code = g.parent_code
      where g.n > 1
    )
    insert into seed_tiles (code, parent_code, centre, boundary)
    select p.code, p.parent_code, p.geom,
           ST_Multi(ST_CollectionExtract(ST_Intersection(c.cell, d.boundary), 3))
    from pts p
    join cells c on c.parent_code = p.parent_code and ST_Intersects(c.cell, p.geom)
    join divisions d on d.code = p.parent_code
    union all
    select p.code, p.parent_code, p.geom, d.boundary
    from pts p
    join groups g on g.parent_code = p.parent_code and g.n = 1
    join divisions d on d.code = p.parent_code`);
}
