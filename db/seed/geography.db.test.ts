import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../client';
import { queryRow, queryRows } from '../sql';
import { createTestDb } from '../testing/test-db';
import { createRng, type SeedContext } from './context';
import { seedGeography } from './geography';
import { SEED_DATA_DIR } from './index';

const SCALE = 0.003;
const SEED = 20_201_101;

function context(): SeedContext {
  return {
    seed: SEED,
    scale: SCALE,
    complaints: 0,
    months: 1,
    now: new Date('2025-06-01T00:00:00Z'),
    dataDir: SEED_DATA_DIR,
    log: () => {},
    rng: createRng(SEED).fork('geography'),
  };
}

const CENSUS: Record<string, number> = {
  '510402000000': 411_427,
  '510403000000': 129_406,
  '510411000000': 265_562,
  '510421000000': 227_011,
  '510422000000': 178_797,
};
const HOUSEHOLD_SIZE: Record<string, number> = {
  '510402000000': 2.14,
  '510403000000': 2.2,
  '510411000000': 2.6,
  '510421000000': 2.87,
  '510422000000': 2.72,
};

/** A fingerprint of everything the step wrote (codes, geometry, residents). */
const CHECKSUM = sql`select md5(string_agg(x, '|' order by x)) as sum from (
  select code || ST_AsText(boundary) || coalesce(population, 0) as x from divisions
  union all select code || ST_AsText(boundary) from grids
  union all select code || address || floors || ST_AsText(footprint) from buildings
  union all select id || '/' || building_id || unit || size from households
  union all select household_id || name || gender || birth_year || coalesce(phone, '-') from persons) t`;

let handle: DbHandle;
let seconds = 0;
beforeAll(async () => {
  handle = await createTestDb();
  const t0 = performance.now();
  await seedGeography(handle.db, context());
  seconds = (performance.now() - t0) / 1000;
}, 120_000);
afterAll(async () => {
  await handle?.close();
});

describe('seedGeography', () => {
  it('loads the division tree with its real codes and parents', async () => {
    const levels = await queryRows<{ level: string; n: number; source: string }>(
      handle.db,
      sql`select level::text, count(*)::int as n, min(boundary_source) as source from divisions group by level order by level`,
    );
    expect(levels).toEqual([
      { level: 'city', n: 1, source: 'real' },
      { level: 'county', n: 5, source: 'real' },
      { level: 'town', n: 49, source: 'synthesised' },
      { level: 'village', n: 336, source: 'synthesised' },
    ]);
    const badParents = await queryRow<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from divisions c left join divisions p on p.code = c.parent_code
          where (c.level = 'county' and (p.level <> 'city' or p.code <> '510400000000'))
             or (c.level = 'town' and (p.level <> 'county' or left(c.code, 6) <> left(p.code, 6)))
             or (c.level = 'village' and (p.level <> 'town' or left(c.code, 9) <> left(p.code, 9)))
             or (c.level <> 'city' and p.code is null)`,
    );
    expect(badParents?.n).toBe(0);
    const dongqu = await queryRow<{ population: number; inside: boolean; valid: boolean }>(
      handle.db,
      sql`select population, ST_Contains(boundary, centre) as inside, ST_IsValid(boundary) as valid
          from divisions where code = '510402000000'`,
    );
    expect(dongqu).toEqual({ population: 411_427, inside: true, valid: true });
    const town = await queryRow<{ name: string }>(
      handle.db,
      sql`select name from divisions where code = '510402002000'`,
    );
    expect(town?.name).toBe('炳草岗街道');
  });

  it('puts the counties where Panzhihua is, in WGS84', async () => {
    const box = await queryRow<{ xmin: number; xmax: number; ymin: number; ymax: number }>(
      handle.db,
      sql`select ST_XMin(e) as xmin, ST_XMax(e) as xmax, ST_YMin(e) as ymin, ST_YMax(e) as ymax
          from (select ST_Extent(boundary)::geometry as e from divisions where level = 'county') t`,
    );
    expect(box?.xmin).toBeGreaterThan(101.0);
    expect(box?.xmax).toBeLessThan(102.4);
    expect(box?.ymin).toBeGreaterThan(25.9);
    expect(box?.ymax).toBeLessThan(27.4);
  });

  it('tiles every county with its towns and every town with its villages', async () => {
    for (const [child, parent] of [
      ['town', 'county'],
      ['village', 'town'],
    ] as const) {
      const rows = await queryRows<{
        code: string;
        parent_area: number;
        sum_area: number;
        union_area: number;
      }>(
        handle.db,
        sql`select p.code, ST_Area(p.boundary) as parent_area, sum(ST_Area(c.boundary)) as sum_area,
                   ST_Area(ST_Union(c.boundary)) as union_area
            from divisions p join divisions c on c.parent_code = p.code
            where p.level = ${parent}::division_level and c.level = ${child}::division_level
            group by p.code, p.boundary`,
      );
      expect(rows.length).toBe(parent === 'county' ? 5 : 49);
      for (const r of rows) {
        // Sum of the parts = the whole (no gaps), and the union = the sum (no overlaps).
        expect(Math.abs(r.sum_area - r.parent_area) / r.parent_area).toBeLessThan(1e-6);
        expect(Math.abs(r.union_area - r.sum_area) / r.parent_area).toBeLessThan(1e-6);
      }
      const overlaps = await queryRow<{ area: number }>(
        handle.db,
        sql`select coalesce(sum(ST_Area(ST_Intersection(a.boundary, b.boundary))), 0) as area
            from divisions a join divisions b
              on a.parent_code = b.parent_code and a.code < b.code and ST_Intersects(a.boundary, b.boundary)
            where a.level = ${child}::division_level and b.level = ${child}::division_level`,
      );
      expect(overlaps?.area).toBeLessThan(1e-10);
    }
    const outside = await queryRow<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from divisions where level in ('town', 'village')
          and not (ST_Intersects(boundary, centre) and ST_IsValid(boundary))`,
    );
    expect(outside?.n).toBe(0);
  });

  it('splits every village into grids that tile it', async () => {
    const names = await queryRows<{ code: string; name: string }>(
      handle.db,
      sql`select code, name from grids order by code limit 1`,
    );
    expect(names[0]?.code).toMatch(/^\d{12}-G01$/);
    expect(names[0]?.name).toMatch(/第1网格$/);
    const stats = await queryRow<{ villages: number; uncovered: number; bad_sum: number }>(
      handle.db,
      sql`select count(*)::int as villages,
                 count(*) filter (where not covered)::int as uncovered,
                 count(*) filter (where abs(sum_area - area) / area > 1e-6)::int as bad_sum
          from (select v.code, ST_Area(v.boundary) as area, sum(ST_Area(g.boundary)) as sum_area,
                       bool_and(ST_CoveredBy(g.boundary, ST_Buffer(v.boundary, 1e-9))) as covered
                from divisions v join grids g on g.village_code = v.code group by v.code, v.boundary) t`,
    );
    expect(stats).toEqual({ villages: 336, uncovered: 0, bad_sum: 0 });
    const rural = await queryRow<{ min: number; max: number }>(
      handle.db,
      sql`select min(n)::int as min, max(n)::int as max from (
            select count(*) as n from grids g join divisions v on v.code = g.village_code
            where v.ur_code in ('210', '220') group by v.code) t`,
    );
    expect(rural).toEqual({ min: 2, max: 6 });
  });

  it('places every building inside its grid, with none overlapping', async () => {
    const stats = await queryRow<{ n: number; outside: number; bad_centre: number; grids_without: number }>(
      handle.db,
      sql`select (select count(*)::int from buildings) as n,
                 (select count(*)::int from buildings b join grids g on g.id = b.grid_id
                  where not ST_Within(b.footprint, g.boundary) or not ST_IsValid(b.footprint)) as outside,
                 (select count(*)::int from buildings where not ST_Intersects(footprint, centre)) as bad_centre,
                 (select count(*)::int from grids g where not exists (select 1 from buildings b where b.grid_id = g.id))
                   as grids_without`,
    );
    expect(stats?.n).toBeGreaterThan(1000);
    expect(stats?.outside).toBe(0);
    expect(stats?.bad_centre).toBe(0);
    expect(stats?.grids_without).toBe(0);
    const overlaps = await queryRow<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from buildings a join buildings b
          on a.id < b.id and ST_Intersects(a.footprint, b.footprint)`,
    );
    expect(overlaps?.n).toBe(0);
    const sample = await queryRow<{ address: string; floors: number; use: string }>(
      handle.db,
      sql`select address, floors, use::text from buildings b join grids g on g.id = b.grid_id
          where g.code like '510402002%' and b.use in ('residential', 'mixed') order by b.id limit 1`,
    );
    expect(sample?.address).toMatch(/^东区炳草岗街道.+社区 .+ \d+ 号 \d+ 栋$/);
    expect(sample?.floors).toBeGreaterThanOrEqual(4);
  });

  it('sizes households and residents by the 2020 census of each county', async () => {
    const rows = await queryRows<{
      county: string;
      persons: number;
      households: number;
      heads: number;
      men: number;
    }>(
      handle.db,
      sql`select left(g.village_code, 6) || '000000' as county, count(p.id)::int as persons,
                 count(distinct h.id)::int as households, sum(p.is_head)::int as heads,
                 count(*) filter (where p.gender = 'male')::int as men
          from persons p join households h on h.id = p.household_id
          join buildings b on b.id = h.building_id join grids g on g.id = b.grid_id
          group by 1 order by 1`,
    );
    expect(rows.map((r) => r.county)).toEqual(Object.keys(CENSUS));
    for (const r of rows) {
      const expected = (CENSUS[r.county] ?? 0) * SCALE;
      expect(Math.abs(r.persons - expected) / expected).toBeLessThan(0.02);
      expect(r.heads).toBe(r.households);
      expect(Math.abs(r.persons / r.households - (HOUSEHOLD_SIZE[r.county] ?? 0))).toBeLessThan(0.35);
      expect(r.men / r.persons).toBeGreaterThan(0.45);
      expect(r.men / r.persons).toBeLessThan(0.58);
    }
    const person = await queryRow<{ name: string; phone: string | null; birth_year: number; unit: string }>(
      handle.db,
      sql`select p.name, p.phone, p.birth_year, h.unit from persons p join households h on h.id = p.household_id
          where p.is_head = 1 and h.unit like '%单元%' order by p.id limit 1`,
    );
    expect(person?.name).toMatch(/^\p{Script=Han}{2,4}$/u);
    expect(person?.phone ?? '13000000000').toMatch(/^1[3-9]\d{9}$/);
    expect(person?.birth_year).toBeLessThanOrEqual(2000);
    expect(person?.unit).toMatch(/^\d单元\d{3,4}$/);
  });

  it('is deterministic: the same seed and scale give the same city', async () => {
    const first = await queryRow<{ sum: string }>(handle.db, CHECKSUM);
    const again = await createTestDb();
    try {
      await seedGeography(again.db, context());
      const second = await queryRow<{ sum: string }>(again.db, CHECKSUM);
      expect(second?.sum).toBe(first?.sum);
    } finally {
      await again.close();
    }
    expect(seconds).toBeLessThan(60);
  }, 120_000);
});
