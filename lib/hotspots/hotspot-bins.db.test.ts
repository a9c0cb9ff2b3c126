import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { createTestDb } from '@/db/testing/test-db';
import type { AuthUser, DivisionLevel } from '@/lib/auth/types';
import { computeEmergingHotspots } from './compute-emerging.server';
import { computeHotspots, type HotspotRequest } from './compute-hotspots.server';
import { hotspotBinsDrift } from './testing/hotspot-bins-drift';

/**
 * Gi* and emerging hot spots read the hot-spot bins (migration hotspot_bins_triggers) for whole
 * months: the same cells, counts, z-scores, p-values and classes as the raw computation over every
 * complaint, before and after complaints change (every binned column, inserts, deletes).
 */
let handle: DbHandle;
const CITY = '510400000000';
const WEST = '510403000000';
const EAST = '510402000000';
const WEST_TOWN = '510403001000';
const EAST_TOWN = '510402001000';
const V1 = '510403001001';
const V2 = '510403001002';
const V3 = '510402001001';
const now = new Date('2026-06-20T12:00:00+08:00');

const box = (x0: number, y0: number, x1: number, y1: number) =>
  JSON.stringify({
    type: 'MultiPolygon',
    coordinates: [
      [
        [
          [x0, y0],
          [x1, y0],
          [x1, y1],
          [x0, y1],
          [x0, y0],
        ],
      ],
    ],
    crs: { type: 'name', properties: { name: 'EPSG:4326' } },
  });

const reader = (code: string, level: DivisionLevel, role: AuthUser['role'] = 'leader'): AuthUser => ({
  id: 1,
  username: 'r',
  displayName: 'r',
  role,
  jurisdiction: { kind: 'division', divisionCode: code, divisionLevel: level },
  jurisdictionName: null,
});
const leader = reader(CITY, 'city');

/** Instants (CST) of the one date grammar's bounds. */
const day = (d: string) => new Date(`${d}T00:00:00+08:00`);

beforeAll(async () => {
  handle = await createTestDb();
  const db = handle.db;
  await db.execute(sql`insert into divisions (code, parent_code, name, level, boundary, boundary_source) values
    (${CITY}, null, '攀枝花市', 'city', ${box(101.5, 26.5, 101.7, 26.6)}, 'real'),
    (${WEST}, ${CITY}, '西区', 'county', ${box(101.5, 26.5, 101.6, 26.6)}, 'real'),
    (${EAST}, ${CITY}, '东区', 'county', ${box(101.6, 26.5, 101.7, 26.6)}, 'real'),
    (${WEST_TOWN}, ${WEST}, '西镇', 'town', ${box(101.5, 26.5, 101.6, 26.6)}, 'synthesised'),
    (${EAST_TOWN}, ${EAST}, '东镇', 'town', ${box(101.6, 26.5, 101.7, 26.6)}, 'synthesised'),
    (${V1}, ${WEST_TOWN}, '一村', 'village', ${box(101.5, 26.5, 101.55, 26.6)}, 'synthesised'),
    (${V2}, ${WEST_TOWN}, '二村', 'village', ${box(101.55, 26.5, 101.6, 26.6)}, 'synthesised'),
    (${V3}, ${EAST_TOWN}, '三村', 'village', ${box(101.6, 26.5, 101.7, 26.6)}, 'synthesised')`);
  await db.execute(sql`insert into categories (code, level, name_zh, name_en, color) values
    ('WY', 1, '物业', 'Property', '#000'), ('HJ', 1, '环境', 'Environment', '#000')`);
  await db.execute(sql`insert into categories (code, parent_code, level, name_zh, name_en, color) values
    ('WY01', 'WY', 2, '物业服务', 'Service', '#000'), ('WY02', 'WY', 2, '电梯', 'Lifts', '#000'),
    ('HJ01', 'HJ', 2, '噪声', 'Noise', '#000')`);
  await db.execute(sql`insert into urgency_grades (code, name_zh, name_en, rank, color) values
    ('normal', '一般', 'Normal', 1, '#000'), ('urgent', '紧急', 'Urgent', 2, '#000')`);
  await db.execute(sql`select setseed(0.17)`);
  // 4,000 complaints over 15 months: a city-wide background, two dense districts around a market and
  // a school (sums of uniforms, roughly normal), and a street that heats up in the last three months.
  // Area codes follow the point (the village a point falls in), as intake assigns them.
  await db.execute(sql`
    with pts as (
      select g,
        case
          when g % 10 < 4 then 101.5 + 0.2 * random()
          when g % 10 < 7 then 101.53 + 0.006 * (random() + random() + random() - 1.5)
          when g % 10 < 9 then 101.64 + 0.008 * (random() + random() + random() - 1.5)
          else 101.585 + 0.002 * random() end as lng,
        case
          when g % 10 < 4 then 26.5 + 0.1 * random()
          when g % 10 < 7 then 26.54 + 0.006 * (random() + random() + random() - 1.5)
          when g % 10 < 9 then 26.57 + 0.008 * (random() + random() + random() - 1.5)
          else 26.52 + 0.03 * random() end as lat,
        case when g % 10 = 9 then floor(random() * 3) else floor(random() * 15) end as back,
        floor(random() * 28) as d, floor(random() * 86400) as s, random() as r
      from generate_series(1, 4000) g)
    insert into complaints (tracking_code, kind, channel, title, description, location, county_code, town_code,
      village_code, submitted_at, category_code, status, urgency_code)
    select 'T' || g, case when r < 0.02 then 'misconduct'::complaint_kind else 'complaint'::complaint_kind end,
      (array['web', 'wechat', 'hotline', 'grid_worker'])[1 + g % 4]::channel, 't', 'd',
      ST_SetSRID(ST_MakePoint(lng, lat), 4326),
      case when lng < 101.6 then ${WEST} else ${EAST} end,
      case when lng < 101.6 then ${WEST_TOWN} else ${EAST_TOWN} end,
      case when r > 0.995 then null when lng < 101.55 then ${V1} when lng < 101.6 then ${V2} else ${V3} end,
      ${now.toISOString()}::timestamptz - make_interval(months => back::int, days => d::int, secs => s),
      case when r < 0.05 then null when r < 0.4 then 'WY01' when r < 0.6 then 'WY02' when r < 0.9 then 'HJ01' else 'HJ' end,
      (array['received', 'dispatched', 'in_progress', 'resolved', 'closed', 'closed'])[1 + floor(r * 6)::int]::complaint_status,
      case when g % 7 = 0 then 'urgent' else 'normal' end
    from pts`);
});
afterAll(async () => {
  await handle?.close();
});

/** Everything a Gi* result says, cell by cell. */
async function giBoth(user: AuthUser, request: HotspotRequest) {
  const [bins, raw] = [
    await computeHotspots(handle.db, user, { ...request, source: 'auto' }),
    await computeHotspots(handle.db, user, { ...request, source: 'raw' }),
  ];
  return { bins, raw };
}

const GI_CASES: { name: string; user: AuthUser; request: HotspotRequest }[] = [
  {
    name: 'city, 12 whole months, 500 m',
    user: leader,
    request: {
      cellSize: 500,
      shape: 'square',
      fdr: true,
      filter: { from: day('2025-07-01'), to: day('2026-07-01') },
    },
  },
  {
    name: 'city, whole months up to now (the current month partial, nothing after now)',
    user: leader,
    request: { cellSize: 1000, shape: 'square', fdr: true, filter: { from: day('2026-01-01'), to: now } },
  },
  {
    name: 'city, no period',
    user: leader,
    request: { cellSize: 250, shape: 'square', fdr: false, filter: {} },
  },
  {
    name: 'city, partial days at both ends (the workspace: a day 12 months back, open end)',
    user: leader,
    request: { cellSize: 500, shape: 'square', fdr: true, filter: { from: day('2025-06-21') } },
  },
  {
    name: 'city, one partial month',
    user: leader,
    request: {
      cellSize: 500,
      shape: 'square',
      fdr: true,
      filter: { from: day('2026-03-05'), to: day('2026-03-25') },
    },
  },
  {
    name: 'county reader, a level-1 and a level-2 category, two statuses',
    user: reader(WEST, 'county', 'inspector'),
    request: {
      cellSize: 500,
      shape: 'square',
      fdr: true,
      filter: {
        from: day('2025-10-01'),
        to: day('2026-06-01'),
        categories: ['HJ', 'WY02'],
        statuses: ['closed', 'resolved', 'in_progress'],
      },
    },
  },
  {
    name: 'town analysis by a city leader, 1000 m',
    user: leader,
    request: {
      divisionCode: WEST_TOWN,
      cellSize: 1000,
      shape: 'square',
      fdr: true,
      filter: { from: day('2025-09-01'), to: day('2026-05-01') },
    },
  },
];

describe('Gi* from the hot-spot bins', () => {
  it.each(GI_CASES)('gives the raw result cell by cell: $name', async ({ user, request }) => {
    const { bins, raw } = await giBoth(user, request);
    expect(bins.parameters.cells).toBeGreaterThanOrEqual(30);
    expect(bins.parameters.complaints).toBeGreaterThan(0);
    expect(bins).toEqual(raw);
  });

  it('reads raw for hexagons, odd cell sizes and urgency or channel filters (the bins do not keep them)', async () => {
    for (const request of [
      { cellSize: 500, shape: 'hexagon', fdr: true, filter: {} },
      { cellSize: 700, shape: 'square', fdr: true, filter: {} },
      { cellSize: 500, shape: 'square', fdr: true, filter: { urgencies: ['urgent'] } },
      { cellSize: 500, shape: 'square', fdr: true, filter: { channels: ['hotline'] } },
    ] satisfies HotspotRequest[]) {
      const { bins, raw } = await giBoth(leader, request);
      expect(bins).toEqual(raw);
    }
  });
});

describe('emerging hot spots from the hot-spot bins', () => {
  it('gives the raw classes, z-scores and counts for every cell', async () => {
    for (const user of [leader, reader(EAST, 'county')]) {
      const request = { cellSize: 1000, months: 12, timeWindow: 1, fdr: true, now, filter: {} };
      const bins = await computeEmergingHotspots(handle.db, user, { ...request, source: 'auto' });
      const raw = await computeEmergingHotspots(handle.db, user, { ...request, source: 'raw' });
      expect(bins).toEqual(raw);
      expect(Object.keys(bins.parameters.patternCounts).length).toBeGreaterThan(1);
    }
    // A month ended (asOf a month), with a category filter.
    const asOf = new Date(day('2026-05-01').getTime() - 1);
    const request = {
      cellSize: 2000,
      months: 6,
      timeWindow: 1,
      fdr: false,
      now: asOf,
      filter: { categories: ['WY'] },
    };
    expect(await computeEmergingHotspots(handle.db, leader, { ...request, source: 'auto' })).toEqual(
      await computeEmergingHotspots(handle.db, leader, { ...request, source: 'raw' }),
    );
  });
});

describe('the bins stay exact as complaints change', () => {
  it('keeps bins = a fresh count of the complaints, and Gi* / emerging = raw, through every binned change', async () => {
    const db = handle.db;
    expect(await hotspotBinsDrift(db)).toEqual([]);
    // Transitions, recategorisation, a move across a cell and a village, a backdated correction,
    // a misconduct reclassification, deletions and a batch of new complaints.
    await db.execute(sql`update complaints set status = 'closed' where id % 5 = 0 and status <> 'closed'`);
    await db.execute(sql`update complaints set category_code = 'WY02' where id % 11 = 0`);
    await db.execute(
      sql`update complaints set location = ST_SetSRID(ST_MakePoint(101.545 + (id % 50) * 0.0002, 26.545), 4326),
            village_code = ${V1}, town_code = ${WEST_TOWN}, county_code = ${WEST} where id % 13 = 0`,
    );
    await db.execute(
      sql`update complaints set submitted_at = submitted_at - interval '20 days' where id % 17 = 0`,
    );
    await db.execute(sql`update complaints set kind = 'misconduct' where id % 19 = 0`);
    await db.execute(sql`update complaints set title = 'only the title' where id % 3 = 0`);
    await db.execute(sql`delete from complaints where id % 23 = 0`);
    await db.execute(sql`insert into complaints (tracking_code, channel, title, description, location, county_code, town_code,
        village_code, submitted_at, category_code, status)
      select 'N' || g, 'web', 't', 'd', ST_SetSRID(ST_MakePoint(101.586 + 0.0001 * (g % 10), 26.531 + 0.0001 * (g / 10)), 4326),
        ${WEST}, ${WEST_TOWN}, ${V2}, ${now.toISOString()}::timestamptz - make_interval(days => g % 40), 'HJ01', 'received'
      from generate_series(1, 300) g`);

    expect(await hotspotBinsDrift(db)).toEqual([]);

    for (const { user, request } of GI_CASES) {
      const { bins, raw } = await giBoth(user, request);
      expect(bins).toEqual(raw);
    }
    const request = { cellSize: 1000, months: 12, timeWindow: 1, fdr: true, now, filter: {} };
    expect(await computeEmergingHotspots(db, leader, { ...request, source: 'auto' })).toEqual(
      await computeEmergingHotspots(db, leader, { ...request, source: 'raw' }),
    );
  });

  it('reads the bins for whole months (a tampered bin shows), and the complaints for partial days', async () => {
    const db = handle.db;
    const request: HotspotRequest = {
      cellSize: 500,
      shape: 'square',
      fdr: true,
      filter: { from: day('2026-02-01'), to: day('2026-03-01') },
    };
    const before = await computeHotspots(db, leader, request);
    await db.execute(sql`update complaint_hotspot_bins set n = n + 1000
      where month = '2026-02-01' and county_code = ${WEST} and n > 0
        and (cx, cy) = (select cx, cy from complaint_hotspot_bins where month = '2026-02-01' and county_code = ${WEST} and n > 0 order by n desc, cx, cy limit 1)`);
    try {
      const tampered = await computeHotspots(db, leader, request);
      expect(tampered.parameters.complaints).toBeGreaterThan(before.parameters.complaints + 999);
      const raw = await computeHotspots(db, leader, { ...request, source: 'raw' });
      expect(raw).toEqual(before);
      // Partial days (the 2nd to the 27th) read the complaints: the tampered bin is not seen.
      const partial = { ...request, filter: { from: day('2026-02-02'), to: day('2026-02-28') } };
      expect(await computeHotspots(db, leader, partial)).toEqual(
        await computeHotspots(db, leader, { ...partial, source: 'raw' }),
      );
    } finally {
      await db.execute(sql`update complaint_hotspot_bins set n = n - 1000 where n >= 1000`);
    }
  });
});

describe('the grid kept in the process', () => {
  it('is the grid of the current boundary: a changed outline gives its new cells at once', async () => {
    const db = handle.db;
    const request: HotspotRequest = { cellSize: 500, shape: 'square', fdr: false, filter: {} };
    const user = reader(EAST, 'county');
    const before = await computeHotspots(db, user, request);
    await db.execute(
      sql`update divisions set boundary = ${box(101.6, 26.5, 101.65, 26.6)} where code = ${EAST}`,
    );
    try {
      const after = await computeHotspots(db, user, request);
      expect(after.parameters.cells).toBeLessThan(before.parameters.cells * 0.6);
      expect(after).toEqual(await computeHotspots(db, user, { ...request, source: 'raw' }));
    } finally {
      await db.execute(
        sql`update divisions set boundary = ${box(101.6, 26.5, 101.7, 26.6)} where code = ${EAST}`,
      );
    }
    expect(await computeHotspots(db, user, request)).toEqual(before);
  });
});
