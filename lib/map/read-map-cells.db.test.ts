/**
 * The precomputed bins answer exactly what the complaints say: for every cell level, filter and
 * jurisdiction, the cells (and so the totals) equal a fresh aggregation of the complaints, points
 * on cell and tile edges included, and they stay equal as complaints arrive, change and go.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { binCellsSql, listCells, rawCellsSql } from '@/db/queries/map-bins';
import { queryRow } from '@/db/sql';
import { createTestDb } from '@/db/testing/test-db';
import { complaintBinScope, complaintMapScope } from '@/lib/auth/policy';
import { CODES, divisionUser, type Fixtures, insertGeographyAndOffices } from '@/lib/auth/testing/fixtures';
import type { AuthUser, DivisionLevel } from '@/lib/auth/types';
import { cellLat, cellLng, cellRange, cellX, cellY, rangeBbox } from './cells';
import { type ComplaintFilter, EMPTY_FILTER } from './filters';
import { hexOf, hexRadius } from './hexagons';
import { readMapCells } from './read-map-cells.server';
import { readMapHexagons } from './read-map-hexagons.server';

let handle: DbHandle;
let fx: Pick<Fixtures, 'offices' | 'grids'>;
const now = new Date('2026-05-20T10:00:00+08:00');
const CITY = { west: 101.5, south: 26.4, east: 101.9, north: 26.8 };

const leader = (code: string, level: DivisionLevel) => divisionUser('leader', code, level);

async function rawTotal(user: AuthUser, where = sql`true`): Promise<number> {
  const row = await queryRow<{ n: number }>(
    handle.db,
    sql`select count(*)::int as n from complaints where ${complaintMapScope(user)} and ${where}`,
  );
  return row?.n ?? 0;
}

/** Cells through the bins and through the complaints, sorted for comparison. */
async function bothPaths(user: AuthUser, level: number, filter: ComplaintFilter) {
  const range = cellRange(CITY, level);
  const key = (r: { cx: number; cy: number; n: number; w: number }) => `${r.cx}/${r.cy}:${r.n}/${r.w}`;
  const bins = await listCells(handle.db, binCellsSql({ range, filter, scope: complaintBinScope(user)! }));
  const raw = await listCells(
    handle.db,
    rawCellsSql({ range, bbox: rangeBbox(range), filter, scope: complaintMapScope(user), now }),
  );
  // Without a time filter the month- and village-free bins must say the same.
  const all = await listCells(
    handle.db,
    binCellsSql({
      range,
      filter: { ...filter, from: null, to: null },
      scope: complaintBinScope(user)!,
      monthFree: true,
    }),
  );
  const unfiltered = filter.from || filter.to ? null : all.map(key).sort();
  return {
    bins: bins.map(key).sort(),
    raw: raw.map(key).sort(),
    all: unfiltered ?? raw.map(key).sort(),
    total: bins.reduce((s, r) => s + r.n, 0),
  };
}

beforeAll(async () => {
  handle = await createTestDb();
  fx = await insertGeographyAndOffices(handle.db);
  await handle.db.execute(sql`insert into categories (code, parent_code, level, name_zh, name_en, color) values
    ('SL', null, 1, '水利', 'Water', '#1677ff'), ('WY', null, 1, '物业', 'Property', '#faad14'),
    ('SL01', 'SL', 2, '饮水安全', 'Drinking water', '#1677ff')`);
  await handle.db.execute(sql`insert into urgency_grades (code, name_zh, name_en, rank, color) values
    ('extra_urgent', '特急', 'x', 1, '#f00'), ('urgent', '紧急', 'u', 2, '#f80'), ('normal', '一般', 'n', 3, '#00f')`);
  // 3,000 complaints spread over two counties, 14 months, categories, urgencies and both kinds.
  await handle.db.execute(sql`insert into complaints (tracking_code, kind, channel, title, description, location,
      county_code, town_code, village_code, grid_id, category_code, urgency_code, status, submitted_at, resolve_due_at)
    select 'T' || i, case when i % 17 = 0 then 'misconduct' else 'complaint' end::complaint_kind,
      (array['web','wechat','hotline'])[1 + i % 3]::channel, 't', 'd',
      ST_SetSRID(ST_MakePoint(101.5 + ((i * 7919) % 4000) / 10000.0, 26.4 + ((i * 104729) % 4000) / 10000.0), 4326),
      case when i % 2 = 0 then ${CODES.xiqu} else ${CODES.dongqu} end,
      case when i % 2 = 0 then ${CODES.xiquTown} else ${CODES.dongquTown} end,
      case when i % 2 = 0 then ${CODES.xiquVillage} else ${CODES.dongquVillage} end,
      case when i % 2 = 0 then ${fx.grids.xiqu}::int else ${fx.grids.dongqu}::int end,
      (array['SL01','WY',null])[1 + i % 3], (array['extra_urgent','urgent','normal'])[1 + i % 3],
      (array['in_progress','closed','received'])[1 + i % 3]::complaint_status,
      ${now.toISOString()}::timestamptz - make_interval(hours => (i * 37) % (24 * 420)),
      ${now.toISOString()}::timestamptz + make_interval(hours => (i % 200) - 100)
    from generate_series(1, 3000) i`);
  // Points exactly on cell edges and corners at every level (the tile edges of every zoom ≤ 16).
  const edges: [number, number][] = [];
  for (let level = 12; level <= 16; level++) {
    const x = cellX(101.7, level);
    const y = cellY(26.6, level);
    edges.push([cellLng(x, level), cellLat(y, level)], [cellLng(x, level), 26.6], [101.7, cellLat(y, level)]);
  }
  for (const [i, [lng, lat]] of edges.entries()) {
    await handle.db.execute(sql`insert into complaints (tracking_code, channel, title, description, location,
        county_code, town_code, village_code, category_code, submitted_at)
      values (${`E${i}`}, 'web', 't', 'd', ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326), ${CODES.dongqu},
        ${CODES.dongquTown}, ${CODES.dongquVillage}, 'WY', ${now.toISOString()})`);
  }
});
afterAll(async () => {
  await handle?.close();
});

const FILTERS: ComplaintFilter[] = [
  EMPTY_FILTER,
  { ...EMPTY_FILTER, from: '2025-09', to: '2026-02' },
  { ...EMPTY_FILTER, categories: ['SL'] },
  { ...EMPTY_FILTER, categories: ['WY'], to: '2026-04' },
];

describe('map cells', () => {
  it('the bins equal a fresh aggregation of the complaints at every level and filter', async () => {
    const city = leader(CODES.city, 'city');
    for (let level = 12; level <= 16; level++) {
      for (const filter of FILTERS) {
        const { bins, raw, all, total } = await bothPaths(city, level, filter);
        expect(bins).toEqual(raw);
        expect(all).toEqual(raw);
        expect(bins.length).toBeGreaterThan(0);
        if (filter === EMPTY_FILTER) expect(total).toBe(await rawTotal(city));
      }
    }
    expect(await rawTotal(city)).toBe(3000 - Math.floor(3000 / 17) + 15);
  });

  it('totals equal the raw counts for the same filter and jurisdiction, through the verb', async () => {
    const xiqu = leader(CODES.xiqu, 'county');
    const all = await readMapCells(handle.db, {
      user: xiqu,
      bbox: CITY,
      zoom: 10,
      filter: EMPTY_FILTER,
      now,
    });
    expect(all.source).toBe('bins');
    expect(all.total).toBe(await rawTotal(xiqu));
    const time = await readMapCells(handle.db, {
      user: xiqu,
      bbox: CITY,
      zoom: 12.4,
      filter: FILTERS[1]!,
      now,
    });
    expect(time.total).toBe(
      await rawTotal(
        xiqu,
        sql`submitted_at >= '2025-09-01T00:00:00+08:00' and submitted_at < '2026-03-01T00:00:00+08:00'`,
      ),
    );
    // Filters the bins cannot answer go to the complaints and still agree with a plain count.
    const urgent = await readMapCells(handle.db, {
      user: xiqu,
      bbox: CITY,
      zoom: 9,
      filter: { ...EMPTY_FILTER, urgencies: ['urgent'], deadlines: ['overdue'] },
      now,
    });
    expect(urgent.source).toBe('raw');
    expect(urgent.total).toBe(
      await rawTotal(
        xiqu,
        sql`urgency_code = 'urgent' and status::text not in ('resolved','closed','merged','rejected') and resolve_due_at < ${now.toISOString()}`,
      ),
    );
    // Status filters (read through the open-complaint index) agree with a plain count too.
    const open = await readMapCells(handle.db, {
      user: xiqu,
      bbox: CITY,
      zoom: 10,
      filter: { ...EMPTY_FILTER, statuses: ['in_progress', 'received'] },
      now,
    });
    expect(open.source).toBe('raw');
    expect(open.total).toBe(await rawTotal(xiqu, sql`status in ('in_progress', 'received')`));
    expect(open.total).toBeGreaterThan(0);
    // A grid worker's jurisdiction (their grid or what they reported) is aggregated raw.
    const worker: AuthUser = {
      ...xiqu,
      role: 'grid_worker',
      jurisdiction: { kind: 'grid', gridId: fx.grids.dongqu },
    };
    const own = await readMapCells(handle.db, {
      user: worker,
      bbox: CITY,
      zoom: 11,
      filter: EMPTY_FILTER,
      now,
    });
    expect(own.source).toBe('raw');
    expect(own.total).toBe(await rawTotal(worker));
    expect(own.total).toBeGreaterThan(0);
  });

  it('hexagons: every complaint in exactly one hexagon, through bins and raw paths', async () => {
    const xiqu = leader(CODES.xiqu, 'county');
    const worker: AuthUser = {
      ...xiqu,
      role: 'grid_worker',
      jurisdiction: { kind: 'grid', gridId: fx.grids.dongqu },
    };
    for (const [user, filter, where, source] of [
      [leader(CODES.city, 'city'), EMPTY_FILTER, sql`true`, 'bins'],
      [
        xiqu,
        FILTERS[1]!,
        sql`submitted_at >= '2025-09-01T00:00:00+08:00' and submitted_at < '2026-03-01T00:00:00+08:00'`,
        'bins',
      ],
      [
        xiqu,
        { ...EMPTY_FILTER, statuses: ['in_progress'] } as ComplaintFilter,
        sql`status = 'in_progress'`,
        'raw',
      ],
      [worker, EMPTY_FILTER, sql`true`, 'raw'],
    ] as const) {
      for (const zoom of [9.5, 11, 13.2]) {
        const hex = await readMapHexagons(handle.db, { user, bbox: CITY, zoom, filter, now });
        expect(hex.source).toBe(source);
        expect(hex.total).toBe(await rawTotal(user, where));
        expect(hex.n.reduce((a, b) => a + b, 0)).toBe(hex.total);
        expect(new Set(hex.q.map((q, i) => `${q},${hex.r[i]}`)).size).toBe(hex.q.length);
        expect(hex.radius).toBe(hexRadius(zoom));
      }
    }
    // A complaint's hexagon is the one its cell's mean position falls in.
    const one = await readMapHexagons(handle.db, {
      user: leader(CODES.city, 'city'),
      bbox: { west: 101.69, south: 26.59, east: 101.71, north: 26.61 },
      zoom: 12,
      filter: EMPTY_FILTER,
      now,
    });
    expect(one.total).toBeGreaterThan(0);
    const [q, r] = hexOf(101.7, 26.6, hexRadius(12));
    expect(Number.isInteger(q) && Number.isInteger(r)).toBe(true);
  });

  it('tiles of every zoom hold whole cells: their sums equal the total', async () => {
    const city = leader(CODES.city, 'city');
    const total = await rawTotal(city);
    for (const z of [9, 11, 13]) {
      const level = Math.min(16, Math.max(12, z + 3));
      const x0 = cellX(CITY.west, z);
      const x1 = cellX(CITY.east, z);
      const y0 = cellY(CITY.north, z);
      const y1 = cellY(CITY.south, z);
      let sum = 0;
      for (let x = x0; x <= x1; x++)
        for (let y = y0; y <= y1; y++) {
          const f = 2 ** (level - z);
          const range = { level, x0: x * f, x1: (x + 1) * f - 1, y0: y * f, y1: (y + 1) * f - 1 };
          const rows = await listCells(
            handle.db,
            binCellsSql({ range, filter: EMPTY_FILTER, scope: complaintBinScope(city)! }),
          );
          sum += rows.reduce((s, r) => s + r.n, 0);
        }
      expect(sum).toBe(total);
    }
  });

  it('stay exact as complaints arrive, move, change category or month, and go', async () => {
    const city = leader(CODES.city, 'city');
    await handle.db.execute(sql`update complaints set location = ST_SetSRID(ST_MakePoint(101.81, 26.71), 4326)
      where id % 11 = 0`);
    await handle.db.execute(sql`update complaints set category_code = 'SL01', urgency_code = 'extra_urgent'
      where id % 13 = 0`);
    await handle.db.execute(sql`update complaints set submitted_at = submitted_at - interval '40 days',
      county_code = ${CODES.xiqu}, town_code = ${CODES.xiquTown}, village_code = ${CODES.xiquVillage} where id % 7 = 0`);
    await handle.db.execute(sql`update complaints set status = 'resolved' where id % 5 = 0`);
    await handle.db.execute(sql`update complaints set kind = 'misconduct' where id % 23 = 0`);
    await handle.db.execute(sql`delete from complaints where id % 29 = 0`);
    await handle.db.execute(sql`insert into complaints (tracking_code, channel, title, description, location,
        county_code, town_code, village_code, category_code, submitted_at)
      select 'N' || i, 'web', 't', 'd', ST_SetSRID(ST_MakePoint(101.6 + i / 10000.0, 26.6), 4326),
        ${CODES.xiqu}, ${CODES.xiquTown}, ${CODES.xiquVillage}, 'WY', ${now.toISOString()}
      from generate_series(1, 50) i`);
    for (const level of [12, 14, 16])
      for (const filter of FILTERS) {
        const { bins, raw, all } = await bothPaths(city, level, filter);
        expect(bins).toEqual(raw);
        expect(all).toEqual(raw);
      }
    const { total } = await bothPaths(city, 13, EMPTY_FILTER);
    expect(total).toBe(await rawTotal(city));
  });
});
