import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deadlineState } from '@/lib/sla/deadline-state';
import type { DbHandle } from '../client';
import { createTestDb } from '../testing/test-db';
import { getAreasGeoJson, listMapPoints } from './map';

let handle: DbHandle;
const now = new Date('2026-05-20T10:00:00+08:00');
const hours = (h: number) => new Date(now.getTime() + h * 3_600_000).toISOString();

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

const cases = [
  { code: 'AAAA0001', status: 'in_progress', due: hours(-5), kind: 'complaint' },
  { code: 'AAAA0002', status: 'accepted', due: hours(10), kind: 'complaint' },
  { code: 'AAAA0003', status: 'dispatched', due: hours(200), kind: 'complaint' },
  { code: 'AAAA0004', status: 'closed', due: hours(-100), kind: 'complaint' },
  { code: 'AAAA0005', status: 'received', due: null, kind: 'complaint' },
  { code: 'AAAA0006', status: 'in_progress', due: hours(-5), kind: 'misconduct' },
] as const;

beforeAll(async () => {
  handle = await createTestDb();
  await handle.db.execute(sql`insert into divisions (code, name, level, boundary, boundary_source)
    values ('510403000000', '西区', 'county', ${square(101.5, 26.5, 0.2)}, 'real'),
           ('510402000000', '东区', 'county', ${square(101.7, 26.5, 0.2)}, 'real')`);
  for (const [i, c] of cases.entries()) {
    await handle.db.execute(sql`insert into complaints (tracking_code, kind, channel, title, description, location, status, resolve_due_at)
      values (${c.code}, ${c.kind}, 'web', 't', 'd', ST_SetSRID(ST_MakePoint(${101.55 + i * 0.01}, 26.55), 4326),
              ${c.status}, ${c.due})`);
  }
});
afterAll(async () => {
  await handle?.close();
});

describe('map queries', () => {
  it('serve division areas as GeoJSON with label points inside them', async () => {
    const fc = JSON.parse(await getAreasGeoJson(handle.db, 'county'));
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.map((f: { properties: { name: string } }) => f.properties.name)).toEqual([
      '东区',
      '西区',
    ]);
    const west = fc.features[1];
    expect(west.geometry.type).toBe('MultiPolygon');
    expect(west.properties.labelLng).toBeGreaterThan(101.5);
    expect(west.properties.labelLng).toBeLessThan(101.7);
  });

  it('compute the deadline state in SQL exactly as lib/sla does, and never show misconduct', async () => {
    const { total, points } = await listMapPoints(handle.db, {
      bbox: { west: 101, south: 26, east: 102, north: 27 },
      limit: 100,
      now,
    });
    expect(total).toBe(5);
    const byCode = new Map(points.map((p) => [p.id, p.deadline]));
    const rows = await handle.db.execute(sql`select id::int as id, tracking_code from complaints`);
    for (const row of (rows as unknown as { rows: { id: number; tracking_code: string }[] }).rows) {
      const c = cases.find((x) => x.code === row.tracking_code)!;
      if (c.kind === 'misconduct') {
        expect(byCode.has(row.id)).toBe(false);
        continue;
      }
      expect(byCode.get(row.id)).toBe(deadlineState(c.status, c.due ? new Date(c.due) : null, now));
    }
    expect(new Set(points.map((p) => p.deadline))).toEqual(
      new Set(['overdue', 'due_soon', 'on_track', 'done']),
    );
  });

  it('return nothing outside the view', async () => {
    const { total } = await listMapPoints(handle.db, {
      bbox: { west: 100, south: 25, east: 100.5, north: 25.5 },
      limit: 100,
      now,
    });
    expect(total).toBe(0);
  });
});
