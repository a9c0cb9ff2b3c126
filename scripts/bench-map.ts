/**
 * npm run bench:map — latency and payload of the staff map's data at a fixed set of views.
 *
 *   DATABASE_URL=postgres://suqiu:suqiu@127.0.0.1:5432/suqiu_map npm run bench:map [-- --runs 40]
 *     [--only tiles-city,area-county] [--explain]
 *
 * Each view is what the map asks for at that zoom, as a demo user of the seed (docs/demo-users.md).
 * "app" runs the verb the route handler calls (policy, query, row mapping) and serialises what the
 * route sends (JSON, or the tile's bytes); "sql" runs the very same SQL text directly through
 * node-postgres, one statement after the other, so app/sql is the app's overhead (the two take turns
 * going first). Prints p50/p95 (nearest rank) of both, the ratio of the p95s and the payload size.
 * Each view runs `--runs` times, and a fast view more often, until its app samples add up to 1 s.
 * Views (bbox west,south,east,north):
 *
 * Cells (below zoom 14) and points (from 14), GET /api/map/cells and /api/map/points:
 *   city          z9.5  leader.city     whole city                          (bins)
 *   city+f        z9.5  leader.city     category 物业+水利, 6 months          (bins)
 *   city+s        z9.5  leader.city     status in_progress/accepted          (raw)
 *   county        z11   inspector.xiqu  西区                                 (bins)
 *   county+d      z11   inspector.xiqu  deadline overdue                     (raw)
 *   town          z12.5 leader.city     ≈ 0.17° × 0.1° of 东区               (bins)
 *   grid          z14.5 leader.city     ≈ 0.04° × 0.025° of 东区 (points)
 *   grid+f        z14.5 leader.city     same, urgent only (points)
 *   worker        z11   grid.dongqu     own grid and own reports (raw cells)
 * Heatmap vector tiles, GET /api/map/tiles/{z}/{x}/{y}.mvt: every tile MapLibre fetches for the
 * view (a vector source loads tile zoom floor(zoom), at most 13, over-zoomed beyond), one request
 * each; latency is per tile (p50/p95 over all the view's tiles and runs), payload the view's total.
 * "+m" is one month of the time slider's playback (from = to = the seventh of the last 12 months):
 *   tiles-city    z9    leader.city     city view's tiles
 *   tiles-city+m  z9    leader.city     same, one month
 *   tiles-county  z11   inspector.xiqu  county view's tiles
 *   tiles-county+m z11  inspector.xiqu  same, one month
 *   tiles-town    z12   leader.city     town view's tiles
 *   tiles-town+m  z12   leader.city     same, one month
 *   tiles-grid    z13   leader.city     grid view's tiles (z14.5 over-zooms 13)
 *   tiles-grid+m  z13   leader.city     same, one month
 * Hexagons, GET /api/map/hexagons (level-16 cells of the view grown by one hexagon):
 *   hex-city      z9.5  leader.city     city view
 *   hex-county    z11   inspector.xiqu  county view
 *   hex-town      z12.5 leader.city     town view
 * High-zoom layers beside the points, GET /api/map/buildings?bbox and /api/map/facilities?bbox:
 *   footprints    z14.5 leader.city     grid view's building footprints with complaint counts
 *   footprints+f  z14.5 leader.city     same, urgent only
 *   facilities    z14.5 leader.city     grid view's facilities
 * Area panel, GET /api/map/area (a click: counts by category, status, deadline, top problems, trend):
 *   area-county   leader.city     东区 (the busiest county)
 *   area-town     inspector.xiqu  西区's busiest town (510403001000)
 *   area-grid     inspector.xiqu  西区's busiest grid (606)
 * Building panel, GET /api/map/buildings/{id} (households, complaints, facilities, visits):
 *   building      leader.city     the building with the most complaints (872)
 */
import { parseArgs } from 'node:util';
import type { SQL } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { Client } from 'pg';
import { type DbOrTx, openDb } from '../db/client';
import type { Bbox } from '../db/queries/map';
import { getUserWithBindings } from '../db/queries/users';
import { queryRow } from '../db/sql';
import { toAuthUser } from '../lib/auth/to-auth-user';
import type { AuthUser } from '../lib/auth/types';
import { cellX, cellY } from '../lib/map/cells';
import { type ComplaintFilter, EMPTY_FILTER, lastTwelveMonths } from '../lib/map/filters';
import { getAreaSummary } from '../lib/map/get-area-summary.server';
import { getBuildingPanel } from '../lib/map/get-building-panel.server';
import { readMapCells } from '../lib/map/read-map-cells.server';
import { readMapHexagons } from '../lib/map/read-map-hexagons.server';
import { readMapBuildings, readMapFacilities, readMapPoints } from '../lib/map/read-map-layers.server';
import { readMapTile, TILE_MAX_ZOOM } from '../lib/map/read-map-tile.server';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '40' },
    /** Only these views (comma-separated names). */
    only: { type: 'string' },
    /** Print EXPLAIN (ANALYZE, BUFFERS) of each view's SQL instead of timing it. */
    explain: { type: 'boolean', default: false },
  },
});
const RUNS = Number(values.runs);
/** Fast views run until their app time adds up to this much (up to 50 × RUNS runs). */
const MIN_SAMPLE_MS = 1000;
const ONLY = values.only ? new Set(values.only.split(',')) : null;
const url = process.env.DATABASE_URL;
if (!url) {
  console.error('bench:map needs DATABASE_URL (the server database with 1 M complaints)');
  process.exit(2);
}

const handle = await openDb({ migrate: false });
if (handle.engine !== 'server') throw new Error('bench:map measures the server engine');
const db = handle.db;
const pg = new Client({ connectionString: url });
await pg.connect();
const dialect = new PgDialect();
const now = new Date();
const months = lastTwelveMonths(now);

async function user(username: string): Promise<AuthUser> {
  const row = await queryRow<{ id: number }>(
    db,
    sql`select id from users where lower(username) = ${username}`,
  );
  const full = row ? await getUserWithBindings(db, { id: row.id }) : null;
  if (!full) throw new Error(`no user ${username}: seed the database first`);
  return toAuthUser(full);
}

/** A db that records the SQL a verb sends and answers with the real rows. */
function recording(target: DbOrTx, sink: SQL[]): DbOrTx {
  return new Proxy(target, {
    get(t, prop, receiver) {
      if (prop === 'execute')
        return (q: SQL) => {
          sink.push(q);
          return t.execute(q);
        };
      if (prop === 'select' || prop === 'insert' || prop === 'update' || prop === 'delete')
        throw new Error(`bench:map: a verb used db.${String(prop)}(); only db.execute(sql) is recorded`);
      return Reflect.get(t, prop, receiver);
    },
  });
}

const bbox = (west: number, south: number, east: number, north: number): Bbox => ({
  west,
  south,
  east,
  north,
});
const f = (patch: Partial<ComplaintFilter>): ComplaintFilter => ({ ...EMPTY_FILTER, ...patch });

type Kind = 'layer' | 'tiles' | 'hexagons' | 'footprints' | 'facilities' | 'area' | 'building';
interface View {
  name: string;
  kind: Kind;
  username: string;
  zoom: number;
  bbox: Bbox;
  filter: ComplaintFilter;
  /** Area panel: the clicked point and level. */
  at?: { lng: number; lat: number; level: 'county' | 'town' | 'village' | 'grid' };
  buildingId?: number;
}
const CITY = bbox(101.13, 26.08, 102.27, 27.35);
const XIQU = bbox(101.45, 26.45, 101.78, 26.7);
const DONGQU_TOWN = bbox(101.63, 26.52, 101.8, 26.62);
const DONGQU_GRID = bbox(101.7, 26.57, 101.74, 26.595);
const MONTH = f({ from: months[6]!, to: months[6]! });
const layer = (v: Omit<View, 'kind'>): View => ({ kind: 'layer', ...v });
const VIEWS: View[] = [
  layer({ name: 'city', username: 'leader.city', zoom: 9.5, bbox: CITY, filter: EMPTY_FILTER }),
  layer({
    name: 'city+f',
    username: 'leader.city',
    zoom: 9.5,
    bbox: CITY,
    filter: f({ categories: ['SL', 'WY'], from: months[6]!, to: months[11]! }),
  }),
  layer({
    name: 'city+s',
    username: 'leader.city',
    zoom: 9.5,
    bbox: CITY,
    filter: f({ statuses: ['accepted', 'in_progress'] }),
  }),
  layer({ name: 'county', username: 'inspector.xiqu', zoom: 11, bbox: XIQU, filter: EMPTY_FILTER }),
  layer({
    name: 'county+d',
    username: 'inspector.xiqu',
    zoom: 11,
    bbox: XIQU,
    filter: f({ deadlines: ['overdue'] }),
  }),
  layer({ name: 'town', username: 'leader.city', zoom: 12.5, bbox: DONGQU_TOWN, filter: EMPTY_FILTER }),
  layer({ name: 'grid', username: 'leader.city', zoom: 14.5, bbox: DONGQU_GRID, filter: EMPTY_FILTER }),
  layer({
    name: 'grid+f',
    username: 'leader.city',
    zoom: 14.5,
    bbox: DONGQU_GRID,
    filter: f({ urgencies: ['urgent'] }),
  }),
  layer({
    name: 'worker',
    username: 'grid.dongqu',
    zoom: 11,
    bbox: bbox(101.6, 26.5, 101.85, 26.65),
    filter: EMPTY_FILTER,
  }),
  ...(
    [
      ['city', 'leader.city', 9.5, CITY],
      ['county', 'inspector.xiqu', 11, XIQU],
      ['town', 'leader.city', 12.5, DONGQU_TOWN],
      ['grid', 'leader.city', 14.5, DONGQU_GRID],
    ] as const
  ).flatMap(([name, username, zoom, b]): View[] => [
    { name: `tiles-${name}`, kind: 'tiles', username, zoom, bbox: b, filter: EMPTY_FILTER },
    { name: `tiles-${name}+m`, kind: 'tiles', username, zoom, bbox: b, filter: MONTH },
  ]),
  {
    name: 'hex-city',
    kind: 'hexagons',
    username: 'leader.city',
    zoom: 9.5,
    bbox: CITY,
    filter: EMPTY_FILTER,
  },
  {
    name: 'hex-county',
    kind: 'hexagons',
    username: 'inspector.xiqu',
    zoom: 11,
    bbox: XIQU,
    filter: EMPTY_FILTER,
  },
  {
    name: 'hex-town',
    kind: 'hexagons',
    username: 'leader.city',
    zoom: 12.5,
    bbox: DONGQU_TOWN,
    filter: EMPTY_FILTER,
  },
  {
    name: 'footprints',
    kind: 'footprints',
    username: 'leader.city',
    zoom: 14.5,
    bbox: DONGQU_GRID,
    filter: EMPTY_FILTER,
  },
  {
    name: 'footprints+f',
    kind: 'footprints',
    username: 'leader.city',
    zoom: 14.5,
    bbox: DONGQU_GRID,
    filter: f({ urgencies: ['urgent'] }),
  },
  {
    name: 'facilities',
    kind: 'facilities',
    username: 'leader.city',
    zoom: 14.5,
    bbox: DONGQU_GRID,
    filter: EMPTY_FILTER,
  },
  {
    name: 'area-county',
    kind: 'area',
    username: 'leader.city',
    zoom: 11,
    bbox: CITY,
    filter: EMPTY_FILTER,
    at: { lng: 101.72697, lat: 26.58938, level: 'county' },
  },
  {
    name: 'area-town',
    kind: 'area',
    username: 'inspector.xiqu',
    zoom: 12.5,
    bbox: XIQU,
    filter: EMPTY_FILTER,
    at: { lng: 101.63714, lat: 26.61334, level: 'town' },
  },
  {
    name: 'area-grid',
    kind: 'area',
    username: 'inspector.xiqu',
    zoom: 14.5,
    bbox: XIQU,
    filter: EMPTY_FILTER,
    at: { lng: 101.53949, lat: 26.60001, level: 'grid' },
  },
  {
    name: 'building',
    kind: 'building',
    username: 'leader.city',
    zoom: 16,
    bbox: CITY,
    filter: EMPTY_FILTER,
    buildingId: 872,
  },
];

/** The tiles a MapLibre vector source requests for the view (512 px tiles at zoom floor(zoom), ≤ 13). */
function tilesOf(v: View): { z: number; x: number; y: number }[] {
  const z = Math.min(TILE_MAX_ZOOM, Math.floor(v.zoom));
  const out: { z: number; x: number; y: number }[] = [];
  for (let x = cellX(v.bbox.west, z); x <= cellX(v.bbox.east, z); x++)
    for (let y = cellY(v.bbox.north, z); y <= cellY(v.bbox.south, z); y++) out.push({ z, x, y });
  return out;
}

/** One request of a view: what the route sends (JSON text or tile bytes). */
type Call = (d: DbOrTx) => Promise<string | Uint8Array>;

function requestsOf(v: View, u: AuthUser): Call[] {
  const common = { user: u, filter: v.filter, now };
  switch (v.kind) {
    case 'layer':
      return [
        async (d) =>
          v.zoom >= 14
            ? JSON.stringify(await readMapPoints(d, { ...common, bbox: v.bbox }))
            : JSON.stringify(await readMapCells(d, { ...common, bbox: v.bbox, zoom: v.zoom })),
      ];
    case 'tiles':
      // The route answers Buffer.from(body) (or 204 when empty).
      return tilesOf(v).map(
        (t) => async (d) => Buffer.from(await readMapTile(d, { ...common, engine: 'server', ...t })),
      );
    case 'hexagons':
      return [
        async (d) => JSON.stringify(await readMapHexagons(d, { ...common, bbox: v.bbox, zoom: v.zoom })),
      ];
    case 'footprints':
      // The route sends the GeoJSON text as it is.
      return [async (d) => readMapBuildings(d, { ...common, bbox: v.bbox })];
    case 'facilities':
      return [async (d) => JSON.stringify(await readMapFacilities(d, { user: u, bbox: v.bbox }))];
    case 'area':
      return [async (d) => JSON.stringify(await getAreaSummary(d, { ...common, ...v.at! }))];
    case 'building':
      return [
        async (d) => JSON.stringify(await getBuildingPanel(d, { user: u, buildingId: v.buildingId!, now })),
      ];
  }
}

function describe(v: View, bodies: (string | Uint8Array)[]): { what: string; items: string } {
  if (v.kind === 'tiles') {
    const filled = bodies.filter((b) => b.length > 0).length;
    return { what: 'mvt', items: `${bodies.length} tiles (${filled} non-empty)` };
  }
  const p = JSON.parse(String(bodies[0])) as {
    n?: number[];
    id?: number[];
    q?: number[];
    source?: string;
    total?: number;
    complaints?: unknown[];
    households?: unknown[];
    features?: unknown[];
    facilities?: unknown[];
  };
  switch (v.kind) {
    case 'layer':
      return p.id
        ? { what: 'points', items: `${p.id.length} pts` }
        : { what: `${p.source}`, items: `${p.n?.length ?? 0} cells` };
    case 'hexagons':
      return { what: `hex/${p.source}`, items: `${p.q?.length ?? 0} hexagons` };
    case 'footprints':
      return { what: 'geojson', items: `${p.features?.length ?? 0} buildings` };
    case 'facilities':
      return { what: 'json', items: `${p.facilities?.length ?? 0} facilities` };
    case 'area':
      return { what: 'area', items: `${p.total?.toLocaleString()} complaints` };
    default:
      return {
        what: 'panel',
        items: `${p.complaints?.length} complaints, ${p.households?.length} households`,
      };
  }
}

/** Nearest-rank percentile: the ⌈p/100 · n⌉-th smallest sample (p95 of 20 runs is the 19th, not the maximum). */
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)]!;
};
const ms = (x: number) => `${x.toFixed(1).padStart(7)} ms`;

console.log(
  `bench:map on ${handle.location}, ${RUNS} runs per view (more for fast views, until 1 s of samples; after 3 warm-ups)`,
);
const total = await queryRow<{ n: number }>(db, sql`select count(*)::int as n from complaints`);
console.log(`complaints: ${total?.n.toLocaleString()}`);
console.log(
  'view           zoom  what        app p50    app p95    sql p50    sql p95  p95 ratio    payload  items',
);
for (const v of VIEWS) {
  if (ONLY && !ONLY.has(v.name)) continue;
  const u = await user(v.username);
  const requests = requestsOf(v, u);
  const bodies: (string | Uint8Array)[] = [];
  const queries: { sql: string; params: unknown[] }[][] = [];
  for (const r of requests) {
    const captured: SQL[] = [];
    bodies.push(await r(recording(db, captured)));
    queries.push(captured.map((q) => dialect.sqlToQuery(q)));
  }
  if (values.explain) {
    for (const q of queries.flat()) {
      const plan = await pg.query(`explain (analyze, buffers) ${q.sql}`, q.params);
      console.log(`--- ${v.name}\n${q.sql}\n${JSON.stringify(q.params)}`);
      for (const r of plan.rows as { 'QUERY PLAN': string }[]) console.log(r['QUERY PLAN']);
    }
    continue;
  }
  const bare = async (i: number) => {
    for (const q of queries[i]!) await pg.query(q.sql, q.params);
  };
  for (let w = 0; w < 3; w++)
    for (let i = 0; i < requests.length; i++) {
      await requests[i]!(db);
      await bare(i);
    }
  // Per request (per tile for tile views): every run of every request is one sample. App and bare SQL
  // take turns going first, so neither always runs right after the other has warmed the same pages.
  // At least RUNS runs, and at least MIN_SAMPLE_MS of app time: a sub-millisecond view gets enough
  // samples that one timer hiccup or minor GC does not decide its p95 (as benchmark harnesses do).
  const app: number[] = [];
  const raw: number[] = [];
  const sampled = () => app.reduce((a, b) => a + b, 0);
  for (let run = 0; run < RUNS || (sampled() < MIN_SAMPLE_MS && run < RUNS * 50); run++)
    for (let i = 0; i < requests.length; i++) {
      const timeApp = async () => {
        const t = performance.now();
        bodies[i] = await requests[i]!(db);
        app.push(performance.now() - t);
      };
      const timeSql = async () => {
        const t = performance.now();
        await bare(i);
        raw.push(performance.now() - t);
      };
      if ((run + i) % 2 === 0) {
        await timeApp();
        await timeSql();
      } else {
        await timeSql();
        await timeApp();
      }
    }
  const { what, items } = describe(v, bodies);
  const kb = bodies.reduce((s, b) => s + (typeof b === 'string' ? Buffer.byteLength(b) : b.length), 0) / 1024;
  const zoom =
    v.kind === 'tiles' ? tilesOf(v)[0]!.z : v.kind === 'area' || v.kind === 'building' ? '-' : v.zoom;
  console.log(
    `${v.name.padEnd(14)} ${String(zoom).padEnd(5)} ${what.padEnd(9)} ${ms(pct(app, 50))} ${ms(pct(app, 95))} ${ms(pct(raw, 50))} ${ms(pct(raw, 95))} ${(pct(app, 95) / pct(raw, 95)).toFixed(2).padStart(8)}× ${kb.toFixed(1).padStart(7)} KB  ${items}`,
  );
}
await pg.end();
await handle.close();
