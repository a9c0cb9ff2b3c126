import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { queryRows } from '@/db/sql';
import { createTestDb } from '@/db/testing/test-db';
import type { AuthUser } from '@/lib/auth/types';
import { computeEmergingHotspots } from './compute-emerging.server';
import { listClusters } from './list-clusters.server';

let handle: DbHandle;
const COUNTY = '510403000000';
/** Complaints carry the village PostGIS assigned at intake; analyses select by it. */
const VILLAGE = '510403001001';
const now = new Date('2026-06-20T12:00:00+08:00');
const inspector: AuthUser = {
  id: 1,
  username: 'i',
  displayName: 'i',
  role: 'inspector',
  jurisdiction: { kind: 'division', divisionCode: COUNTY, divisionLevel: 'county' },
  jurisdictionName: null,
};
const boundary = JSON.stringify({
  type: 'MultiPolygon',
  coordinates: [
    [
      [
        [101.5, 26.5],
        [101.6, 26.5],
        [101.6, 26.6],
        [101.5, 26.6],
        [101.5, 26.5],
      ],
    ],
  ],
  crs: { type: 'name', properties: { name: 'EPSG:4326' } },
});

beforeAll(async () => {
  handle = await createTestDb();
  await handle.db.execute(sql`insert into divisions (code, name, level, boundary, boundary_source)
    values (${COUNTY}, '西区', 'county', ${boundary}, 'real')`);
  await handle.db.execute(sql`insert into divisions (code, parent_code, name, level, boundary, boundary_source)
    values (${VILLAGE}, ${COUNTY}, '某社区', 'village', ${boundary}, 'synthesised')`);
  await handle.db.execute(sql`insert into categories (code, level, name_zh, name_en, color) values
    ('WY', 1, '物业', 'Property', '#000')`);
  await handle.db.execute(sql`insert into categories (code, parent_code, level, name_zh, name_en, color) values
    ('WY01', 'WY', 2, '物业服务', 'Service', '#000')`);
  await handle.db.execute(
    sql`insert into grids (code, name, village_code, boundary) values ('G1', 'g', ${COUNTY}, ${boundary})`,
  );
  await handle.db.execute(sql`insert into buildings (code, grid_id, address, use, floors, footprint, centre)
    select 'B1', id, '西区某小区 3 栋', 'residential', 18,
      ST_SetSRID(ST_MakeEnvelope(101.5299, 26.5299, 101.5301, 26.5301), 4326), ST_SetSRID(ST_MakePoint(101.53, 26.53), 4326)
    from grids where code = 'G1'`);
  // Background: 12 months × 100 complaints spread evenly over a lattice.
  await handle.db.execute(sql`insert into complaints (tracking_code, channel, title, description, location, county_code, village_code, submitted_at, category_code)
    select 'B' || m || '-' || g, 'web', 't', 'd',
      ST_SetSRID(ST_MakePoint(101.5 + 0.01 * (g % 10) + 0.005, 26.5 + 0.01 * (g / 10) + 0.005), 4326), ${COUNTY}, ${VILLAGE},
      ${now.toISOString()}::timestamptz - make_interval(months => m) - interval '3 days', 'WY01'
    from generate_series(0, 11) m, generate_series(0, 99) g`);
  // A burst in the last two months in one 2 km block, at one building.
  await handle.db.execute(sql`insert into complaints (tracking_code, channel, title, description, location, county_code, village_code, submitted_at, category_code, building_id)
    select 'N' || m || '-' || g, 'web', 't', 'd',
      ST_SetSRID(ST_MakePoint(101.53 + 0.00001 * (g % 10), 26.53 + 0.00001 * (g / 10)), 4326), ${COUNTY}, ${VILLAGE},
      ${now.toISOString()}::timestamptz - make_interval(months => m) - interval '3 days', 'WY01',
      (select id from buildings where code = 'B1')
    from generate_series(0, 1) m, generate_series(0, 59) g`);
});
afterAll(async () => {
  await handle?.close();
});

describe('emerging hot spots', () => {
  it('builds 12 monthly steps, keeps every complaint, and finds the new burst', async () => {
    const result = await computeEmergingHotspots(handle.db, inspector, {
      cellSize: 1000,
      months: 12,
      timeWindow: 1,
      fdr: true,
      now,
      filter: {},
    });
    expect(result.parameters.steps).toHaveLength(12);
    expect(result.parameters.steps[11]).toBe('2026-06-01');
    const total = result.cells.reduce((s, c) => s + c.counts.reduce((a, b) => a + b, 0), 0);
    expect(total).toBe(1200 + 120);
    const burst = result.cells.reduce((a, b) => (b.counts[11]! > a.counts[11]! ? b : a));
    expect(burst.counts.slice(10)).toEqual([61, 61]);
    expect(['new_hot', 'consecutive_hot']).toContain(burst.pattern);
    expect(result.cells.filter((c) => c.pattern.endsWith('_hot')).length).toBeLessThan(20);
  });
});

describe('DBSCAN clusters', () => {
  it('finds the burst as one cluster with its category and building', async () => {
    const { clusters } = await listClusters(handle.db, inspector, { epsM: 50, minPoints: 10, filter: {} });
    expect(clusters.length).toBeGreaterThanOrEqual(1);
    const top = clusters[0]!;
    expect(top.count).toBe(120);
    expect(top.categories[0]).toMatchObject({ code: 'WY', count: 120 });
    expect(top.buildings[0]).toMatchObject({ address: '西区某小区 3 栋', count: 120 });
    expect(top.radiusM).toBeLessThan(50);
  });

  it('gives exactly the clusters ST_ClusterDBSCAN gives, each with its newest complaints', async () => {
    const { clusters } = await listClusters(handle.db, inspector, { epsM: 300, minPoints: 3, filter: {} });
    const direct = await queryRows<{ n: number; newest: number[] }>(
      handle.db,
      sql`select count(*)::int as n, (array_agg(id order by submitted_at desc, id desc))[1:50] as newest
          from (select id, submitted_at,
                  ST_ClusterDBSCAN(location_m, eps => 300::float8, minpoints => 3) over () as cluster
                from complaints where village_code like '510403%') x
          where cluster is not null group by cluster`,
    );
    expect(direct.length).toBeGreaterThan(1);
    const ours = clusters.map((c) => [c.count, c.complaints.map((x) => Number(x.id))] as const);
    const theirs = direct.map((d) => [Number(d.n), d.newest.map(Number)] as const);
    const key = (x: readonly [number, number[]]) => `${x[0]}:${x[1].join(',')}`;
    expect(ours.map(key).sort()).toEqual(theirs.map(key).sort());
    // Largest first.
    expect(clusters.map((c) => c.count)).toEqual([...clusters.map((c) => c.count)].sort((a, b) => b - a));
  });
});
