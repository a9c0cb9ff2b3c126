import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { createTestDb } from '@/db/testing/test-db';
import type { AuthUser } from '@/lib/auth/types';
import { computeHotspots } from './compute-hotspots.server';
import { toHotspotCsv } from './hotspot-output';
import { listComplaintsInCell } from './list-cell-complaints.server';

let handle: DbHandle;
const COUNTY = '510403000000';
/** Complaints carry the village PostGIS assigned at intake; analyses select by it. */
const VILLAGE = '510403001001';
const OTHER = '510402000000';

const square = (x: number, y: number, d: number) =>
  JSON.stringify({
    type: 'MultiPolygon',
    coordinates: [
      [
        [
          [x, y],
          [x + d, y],
          [x + d, y + d],
          [x, y + d],
          [x, y],
        ],
      ],
    ],
    crs: { type: 'name', properties: { name: 'EPSG:4326' } },
  });

const inspector = (code: string): AuthUser => ({
  id: 1,
  username: 'i',
  displayName: 'i',
  role: 'inspector',
  jurisdiction: { kind: 'division', divisionCode: code, divisionLevel: 'county' },
  jurisdictionName: null,
});

beforeAll(async () => {
  handle = await createTestDb();
  await handle.db.execute(sql`insert into divisions (code, name, level, boundary, boundary_source) values
    (${COUNTY}, '西区', 'county', ${square(101.5, 26.5, 0.1)}, 'real'),
    (${OTHER}, '东区', 'county', ${square(101.6, 26.5, 0.1)}, 'real')`);
  await handle.db.execute(sql`insert into divisions (code, parent_code, name, level, boundary, boundary_source)
    values (${VILLAGE}, ${COUNTY}, '某社区', 'village', ${square(101.5, 26.5, 0.1)}, 'synthesised')`);
  // 600 complaints spread evenly (a 30 × 20 lattice) and 400 piled into a 2 km block.
  await handle.db.execute(sql`insert into complaints (tracking_code, channel, title, description, location, county_code, village_code, submitted_at)
    select 'B' || g, 'web', 't', 'd',
      ST_SetSRID(ST_MakePoint(101.5 + 0.0033 * (g % 30) + 0.0015, 26.5 + 0.005 * (g / 30) + 0.0025), 4326),
      ${COUNTY}, ${VILLAGE}, now() - interval '10 days'
    from generate_series(0, 599) g`);
  await handle.db.execute(sql`insert into complaints (tracking_code, channel, title, description, location, county_code, village_code, submitted_at)
    select 'H' || g, 'web', 't', 'd',
      ST_SetSRID(ST_MakePoint(101.52 + 0.001 * (g % 20), 26.52 + 0.001 * (g / 20)), 4326),
      ${COUNTY}, ${VILLAGE}, now() - interval '2 days'
    from generate_series(0, 399) g`);
  // A misconduct report in the hot block: never counted.
  await handle.db.execute(sql`insert into complaints (tracking_code, kind, channel, title, description, location, county_code, village_code)
    values ('MISC1', 'misconduct', 'web', 't', 'd', ST_SetSRID(ST_MakePoint(101.5205, 26.5205), 4326), ${COUNTY}, ${VILLAGE})`);
});
afterAll(async () => {
  await handle?.close();
});

describe('computeHotspots', () => {
  it('counts every complaint exactly once, and finds the planted block as a 99 % hot spot', async () => {
    for (const shape of ['square', 'hexagon'] as const) {
      const result = await computeHotspots(handle.db, inspector(COUNTY), {
        cellSize: 1000,
        shape,
        fdr: true,
        filter: {},
      });
      const total = result.cells.reduce((s, c) => s + c.count, 0);
      expect(total).toBe(1000);
      expect(result.parameters.complaints).toBe(1000);
      expect(result.parameters.crs).toBe('EPSG:4543');
      expect(result.parameters.distanceBand).toBeGreaterThan(0);
      const hottest = result.cells.reduce((a, b) => (b.count > a.count ? b : a));
      expect(hottest.count).toBeGreaterThanOrEqual(40);
      expect(hottest.bin).toBe(3);
      expect(result.cells.filter((c) => c.bin === 3).length).toBeLessThan(result.cells.length / 4);
    }
  });

  it('lists the complaints behind a cell, the same number the cell counts', async () => {
    for (const shape of ['square', 'hexagon'] as const) {
      const result = await computeHotspots(handle.db, inspector(COUNTY), {
        cellSize: 1000,
        shape,
        fdr: true,
        filter: {},
      });
      const cell = result.cells
        .filter((c) => c.count > 0 && c.count < 200)
        .sort((a, b) => b.count - a.count)[0]!;
      const list = await listComplaintsInCell(handle.db, inspector(COUNTY), {
        size: 1000,
        shape,
        i: cell.i,
        j: cell.j,
        filter: {},
      });
      expect(list.length).toBe(cell.count);
    }
  });

  it('applies the filter (time range) and reports it', async () => {
    const since = new Date(Date.now() - 5 * 86_400_000);
    const result = await computeHotspots(handle.db, inspector(COUNTY), {
      cellSize: 1000,
      shape: 'square',
      fdr: false,
      filter: { from: since },
    });
    expect(result.parameters.complaints).toBe(400);
    expect(result.parameters.fdr).toBe(false);
  });

  it('exports the same cells as CSV', async () => {
    const result = await computeHotspots(handle.db, inspector(COUNTY), {
      cellSize: 1000,
      shape: 'square',
      fdr: true,
      filter: {},
    });
    const lines = toHotspotCsv(result).trim().split('\n');
    expect(lines[1]).toBe('i,j,centroid_lng,centroid_lat,count,z,p,bin,neighbours');
    expect(lines).toHaveLength(result.cells.length + 2);
  });

  it('refuses areas outside the jurisdiction and roles without statistics', async () => {
    await expect(
      computeHotspots(handle.db, inspector(OTHER), {
        divisionCode: COUNTY,
        cellSize: 1000,
        shape: 'square',
        fdr: true,
        filter: {},
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const handler: AuthUser = {
      ...inspector(COUNTY),
      role: 'handler',
      jurisdiction: { kind: 'office', officeId: 1, divisionCode: COUNTY, divisionLevel: 'county' },
    };
    await expect(
      computeHotspots(handle.db, handler, { cellSize: 1000, shape: 'square', fdr: true, filter: {} }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
