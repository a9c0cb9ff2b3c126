/**
 * Vector tiles of the complaint cells, on both engines (ST_AsMVT on the server, JavaScript encoding
 * on PGlite): decoded, every tile holds exactly the cells and counts the JSON cells route gives for
 * the same tile, and the tiles of a zoom add up to the raw total (nothing lost or counted twice at
 * tile edges). The route answers 204 for a tile outside the city and refuses zooms with points.
 */
import { VectorTile } from '@mapbox/vector-tile';
import { sql } from 'drizzle-orm';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/db/client';
import { queryRow } from '@/db/sql';
import { createTestDb } from '@/db/testing/test-db';
import { complaintMapScope } from '@/lib/auth/policy';
import { CODES, divisionUser, insertGeographyAndOffices } from '@/lib/auth/testing/fixtures';
import { session } from '@/lib/auth/testing/mock-session';
import type { AuthUser, DivisionLevel } from '@/lib/auth/types';
import { cellLat, cellLng, cellX, cellY, levelForZoom } from './cells';

vi.mock('server-only', () => ({}));
vi.mock('next/server', async (original) =>
  (await import('@/lib/auth/testing/mock-session')).nextServerOutsideRequest(original),
);
vi.mock('@/lib/auth/current-user.server', async () =>
  (await import('@/lib/auth/testing/mock-session')).currentUserFromSession(),
);

const { GET: tileGet } = await import('@/app/api/map/tiles/[z]/[x]/[y]/route');
const { GET: cellsGet } = await import('@/app/api/map/cells/route');

let handle: DbHandle;
const AREA = { west: 101.5, south: 26.4, east: 101.9, north: 26.8 };
const leader = (code: string, level: DivisionLevel) => divisionUser('leader', code, level);

beforeAll(async () => {
  handle = await createTestDb();
  (globalThis as { __suqiuDb?: Promise<DbHandle> }).__suqiuDb = Promise.resolve(handle);
  await insertGeographyAndOffices(handle.db);
  await handle.db.execute(sql`insert into categories (code, parent_code, level, name_zh, name_en, color) values
    ('SL', null, 1, '水利', 'Water', '#1677ff'), ('WY', null, 1, '物业', 'Property', '#faad14')`);
  await handle.db.execute(sql`insert into urgency_grades (code, name_zh, name_en, rank, color) values
    ('extra_urgent', '特急', 'x', 1, '#f00'), ('urgent', '紧急', 'u', 2, '#f80'), ('normal', '一般', 'n', 3, '#00f')`);
  await handle.db.execute(sql`insert into complaints (tracking_code, channel, title, description, location,
      county_code, town_code, village_code, category_code, urgency_code, status, submitted_at)
    select 'T' || i, 'web', 't', 'd',
      ST_SetSRID(ST_MakePoint(101.5 + ((i * 7919) % 4000) / 10000.0, 26.4 + ((i * 104729) % 4000) / 10000.0), 4326),
      case when i % 2 = 0 then ${CODES.xiqu} else ${CODES.dongqu} end,
      case when i % 2 = 0 then ${CODES.xiquTown} else ${CODES.dongquTown} end,
      case when i % 2 = 0 then ${CODES.xiquVillage} else ${CODES.dongquVillage} end,
      (array['SL','WY'])[1 + i % 2], (array['extra_urgent','urgent','normal'])[1 + i % 3],
      (array['in_progress','closed','received'])[1 + i % 3]::complaint_status, now() - make_interval(days => i % 300)
    from generate_series(1, 2000) i`);
  // Points exactly on tile corners of zoom 10 and 12.
  for (const z of [10, 12]) {
    const lng = cellLng(cellX(101.7, z), z);
    const lat = cellLat(cellY(26.6, z), z);
    await handle.db.execute(sql`insert into complaints (tracking_code, channel, title, description, location,
        county_code, town_code, village_code, category_code, submitted_at)
      values (${`E${z}`}, 'web', 't', 'd', ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326), ${CODES.dongqu},
        ${CODES.dongquTown}, ${CODES.dongquVillage}, 'WY', now())`);
  }
});
afterAll(async () => {
  await handle?.close();
});

async function tile(z: number, x: number, y: number, query = ''): Promise<Response> {
  return tileGet(new Request(`http://localhost/api/map/tiles/${z}/${x}/${y}.mvt?${query}`), {
    params: Promise.resolve({ z: String(z), x: String(x), y: `${y}.mvt` }),
  });
}

/** The tile's cells decoded: `cx/cy` (from the polygon's corner) → n, and the centroids' sum. */
async function decode(res: Response, z: number, x: number, y: number) {
  if (res.status === 204) return { cells: new Map<string, number>(), centroidSum: 0 };
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
  const vt = new VectorTile(new PbfReader(new Uint8Array(await res.arrayBuffer())));
  const layer = vt.layers.cells!;
  const level = levelForZoom(z);
  const per = 2 ** (level - z);
  const cells = new Map<string, number>();
  for (let i = 0; i < layer.length; i++) {
    const f = layer.feature(i);
    expect(f.type).toBe(3);
    const ring = f.loadGeometry()[0]!;
    const minX = Math.min(...ring.map((p) => p.x));
    const minY = Math.min(...ring.map((p) => p.y));
    const cx = x * per + Math.round((minX / layer.extent) * per);
    const cy = y * per + Math.round((minY / layer.extent) * per);
    cells.set(`${cx}/${cy}`, Number(f.properties.n));
  }
  const centroids = vt.layers.centroids!;
  let centroidSum = 0;
  for (let i = 0; i < centroids.length; i++) {
    const f = centroids.feature(i);
    expect(f.type).toBe(1);
    const [p] = f.loadGeometry()[0]!;
    expect(p!.x).toBeGreaterThanOrEqual(0);
    expect(p!.x).toBeLessThanOrEqual(centroids.extent);
    centroidSum += Number(f.properties.n);
  }
  return { cells, centroidSum };
}

/** The JSON cells route for exactly the tile's area (edges nudged inwards: whole cells only). */
async function jsonCells(z: number, x: number, y: number, query = '') {
  const e = 1e-9;
  const bbox = [cellLng(x, z) + e, cellLat(y + 1, z) + e, cellLng(x + 1, z) - e, cellLat(y, z) - e];
  const res = await cellsGet(
    new Request(`http://localhost/api/map/cells?bbox=${bbox.join(',')}&zoom=${z}&${query}`),
  );
  expect(res.status).toBe(200);
  const body = (await res.json()) as { cx: number[]; cy: number[]; n: number[]; source: string };
  return new Map(body.cx.map((cx, i) => [`${cx}/${body.cy[i]}`, body.n[i]!]));
}

async function rawTotal(user: AuthUser, where = sql`true`) {
  const row = await queryRow<{ n: number }>(
    handle.db,
    sql`select count(*)::int as n from complaints where ${complaintMapScope(user)} and ${where}`,
  );
  return row?.n ?? 0;
}

describe(`vector tiles of the complaint cells (${process.env.DATABASE_URL ? 'server' : 'embedded'} engine)`, () => {
  it('hold the same cells and counts as the JSON route, and add up to the raw total at every zoom', async () => {
    for (const [user, query, where] of [
      [leader(CODES.city, 'city'), '', sql`true`],
      [leader(CODES.xiqu, 'county'), 'cat=SL', sql`category_code = 'SL'`],
      // Raw path (status filter): the same cells again.
      [leader(CODES.city, 'city'), 'st=in_progress,received', sql`status in ('in_progress', 'received')`],
    ] as const) {
      session.user = user;
      const total = await rawTotal(user, where);
      expect(total).toBeGreaterThan(0);
      for (const z of [9, 10, 12, 13]) {
        let sum = 0;
        for (let x = cellX(AREA.west, z); x <= cellX(AREA.east, z); x++)
          for (let y = cellY(AREA.north, z); y <= cellY(AREA.south, z); y++) {
            const { cells, centroidSum } = await decode(await tile(z, x, y, query), z, x, y);
            expect(cells).toEqual(await jsonCells(z, x, y, query));
            const n = [...cells.values()].reduce((s, v) => s + v, 0);
            expect(centroidSum).toBe(n);
            sum += n;
          }
        expect(sum, `zoom ${z}, ${query}`).toBe(total);
      }
    }
  });

  it('answers 204 outside the city, refuses point zooms and malformed names', async () => {
    session.user = leader(CODES.city, 'city');
    expect((await tile(10, 10, 10)).status).toBe(204);
    expect((await tile(14, 12900, 6930)).status).toBe(400);
    const bad = await tileGet(new Request('http://localhost/api/map/tiles/10/800/433.png'), {
      params: Promise.resolve({ z: '10', x: '800', y: '433.png' }),
    });
    expect(bad.status).toBe(400);
  });
});
