/**
 * npm run bench:map — latency and payload of the staff map's data at a fixed set of views.
 *
 *   DATABASE_URL=postgres://suqiu:suqiu@127.0.0.1:5432/suqiu_map npm run bench:map [-- --runs 40]
 *
 * Each view is what the map asks for at that zoom (cells below zoom 14, points from 14), as a
 * demo user of the seed (docs/demo-users.md). "app" runs the verb the route handler calls (policy,
 * query, row mapping) and serialises the JSON the route sends; "sql" runs the very same SQL text
 * directly through node-postgres, so app/sql is the app's overhead. Prints p50/p95 of both, the
 * ratio of the p95s and the payload size. Views (bbox west,south,east,north):
 *   city    z9.5  leader.city     whole city                          (bins)
 *   city+f  z9.5  leader.city     category 物业+水利, 6 months          (bins)
 *   city+s  z9.5  leader.city     status in_progress/accepted          (raw)
 *   county  z11   inspector.xiqu  西区                                 (bins)
 *   county+d z11  inspector.xiqu  deadline overdue                     (raw)
 *   town    z12.5 leader.city     ≈ 0.17° × 0.1° of 东区               (bins)
 *   grid    z14.5 leader.city     ≈ 0.04° × 0.025° of 东区 (points)
 *   grid+f  z14.5 leader.city     same, urgent only (points)
 *   worker  z11   grid.dongqu     own grid and own reports (raw cells)
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
import { type ComplaintFilter, EMPTY_FILTER, lastTwelveMonths } from '../lib/map/filters';
import { readMapCells } from '../lib/map/read-map-cells.server';
import { readMapPoints } from '../lib/map/read-map-layers.server';

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
const ONLY = values.only ? new Set(values.only.split(',')) : null;
const url = process.env.DATABASE_URL;
if (!url) {
  console.error('bench:map needs DATABASE_URL (the server database with 1 M complaints)');
  process.exit(2);
}

const handle = await openDb({ migrate: false });
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

interface View {
  name: string;
  username: string;
  zoom: number;
  bbox: Bbox;
  filter: ComplaintFilter;
}
const CITY = bbox(101.13, 26.08, 102.27, 27.35);
const DONGQU_TOWN = bbox(101.63, 26.52, 101.8, 26.62);
const DONGQU_GRID = bbox(101.7, 26.57, 101.74, 26.595);
const VIEWS: View[] = [
  { name: 'city', username: 'leader.city', zoom: 9.5, bbox: CITY, filter: EMPTY_FILTER },
  {
    name: 'city+f',
    username: 'leader.city',
    zoom: 9.5,
    bbox: CITY,
    filter: f({ categories: ['SL', 'WY'], from: months[6]!, to: months[11]! }),
  },
  {
    name: 'city+s',
    username: 'leader.city',
    zoom: 9.5,
    bbox: CITY,
    filter: f({ statuses: ['accepted', 'in_progress'] }),
  },
  {
    name: 'county',
    username: 'inspector.xiqu',
    zoom: 11,
    bbox: bbox(101.45, 26.45, 101.78, 26.7),
    filter: EMPTY_FILTER,
  },
  {
    name: 'county+d',
    username: 'inspector.xiqu',
    zoom: 11,
    bbox: bbox(101.45, 26.45, 101.78, 26.7),
    filter: f({ deadlines: ['overdue'] }),
  },
  { name: 'town', username: 'leader.city', zoom: 12.5, bbox: DONGQU_TOWN, filter: EMPTY_FILTER },
  { name: 'grid', username: 'leader.city', zoom: 14.5, bbox: DONGQU_GRID, filter: EMPTY_FILTER },
  {
    name: 'grid+f',
    username: 'leader.city',
    zoom: 14.5,
    bbox: DONGQU_GRID,
    filter: f({ urgencies: ['urgent'] }),
  },
  {
    name: 'worker',
    username: 'grid.dongqu',
    zoom: 11,
    bbox: bbox(101.6, 26.5, 101.85, 26.65),
    filter: EMPTY_FILTER,
  },
];

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

console.log(`bench:map on ${handle.location}, ${RUNS} runs per view (after 3 warm-ups)`);
const total = await queryRow<{ n: number }>(db, sql`select count(*)::int as n from complaints`);
console.log(`complaints: ${total?.n.toLocaleString()}`);
console.log('view      zoom  what      app p50   app p95   sql p50   sql p95  p95 ratio   payload   items');
for (const v of VIEWS) {
  if (ONLY && !ONLY.has(v.name)) continue;
  const u = await user(v.username);
  const run = async (d: DbOrTx) =>
    v.zoom >= 14
      ? JSON.stringify(await readMapPoints(d, { user: u, bbox: v.bbox, filter: v.filter, now }))
      : JSON.stringify(await readMapCells(d, { user: u, bbox: v.bbox, zoom: v.zoom, filter: v.filter, now }));
  const captured: SQL[] = [];
  let body = await run(recording(db, captured));
  const queries = captured.map((q) => dialect.sqlToQuery(q));
  if (values.explain) {
    for (const q of queries) {
      const plan = await pg.query(`explain (analyze, buffers) ${q.sql}`, q.params as unknown[]);
      console.log(`--- ${v.name}\n${q.sql}\n${JSON.stringify(q.params)}`);
      for (const r of plan.rows as { 'QUERY PLAN': string }[]) console.log(r['QUERY PLAN']);
    }
    continue;
  }
  for (let i = 0; i < 3; i++) {
    await run(db);
    for (const q of queries) await pg.query(q.sql, q.params as unknown[]);
  }
  const app: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let t = performance.now();
    body = await run(db);
    app.push(performance.now() - t);
    t = performance.now();
    for (const q of queries) await pg.query(q.sql, q.params as unknown[]);
    bare.push(performance.now() - t);
  }
  const parsed = JSON.parse(body) as { n?: number[]; id?: number[]; source?: string };
  const items = parsed.id ? `${parsed.id.length} pts` : `${parsed.n?.length ?? 0} cells`;
  const what = parsed.id ? 'points' : `${parsed.source}`;
  const kb = Buffer.byteLength(body) / 1024;
  console.log(
    `${v.name.padEnd(9)} ${String(v.zoom).padEnd(5)} ${what.padEnd(7)} ${pct(app, 50).toFixed(1).padStart(7)} ms ${pct(app, 95).toFixed(1).padStart(7)} ms ${pct(bare, 50).toFixed(1).padStart(7)} ms ${pct(bare, 95).toFixed(1).padStart(7)} ms ${(pct(app, 95) / pct(bare, 95)).toFixed(2).padStart(8)}× ${kb.toFixed(1).padStart(7)} KB  ${items}`,
  );
}
await pg.end();
await handle.close();
