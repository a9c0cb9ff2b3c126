/**
 * npm run bench:intake — N concurrent clients submit complaints to POST /api/v1/complaints for a
 * fixed time; prints accepted submissions per second, p50/p99 latency, and checks that every
 * accepted submission is in the database exactly once (by its idempotency key and tracking code).
 *
 *   DATABASE_URL=postgres://suqiu:suqiu@127.0.0.1:5432/suqiu_bench npm run bench:intake -- [--clients 100] [--seconds 30] [--warmup 15] [--timeline]
 *
 * The database must be a seeded server database (points are drawn from its own complaints, so they
 * lie inside the city). Without APP_URL the script starts the app itself as production runs it on
 * the server database (`npm run start:cluster`, SUQIU_WORKERS workers, default one per core) on a
 * free loopback port against that DATABASE_URL, from the build in BENCH_DIST_DIR (default `.next-bench`; build it
 * with `NEXT_DIST_DIR=.next-bench npx next build`), with the in-process rate limits raised through
 * their documented variables (SUQIU_RATE_SUBMIT_PER_ADDRESS …), and stops it at the end. With
 * APP_URL (loopback only) it uses that running app, which must have been started with raised limits.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { Client } from 'pg';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '100' },
    seconds: { type: 'string', default: '30' },
    /**
     * Seconds at full load before measuring, counted in the database check only: the JIT, the pools
     * and prepared statements, intake's caches, and the deadline sweep's catch-up run 10 s after start.
     */
    warmup: { type: 'string', default: '15' },
    /** Also print each second's requests, p50 and p99 (to tell a steady tail from bursts). */
    timeline: { type: 'boolean', default: false },
  },
});
const CLIENTS = Number(values.clients);
const SECONDS = Number(values.seconds);
const WARMUP = Number(values.warmup);
const DATABASE_URL = process.env.DATABASE_URL;
if (!DATABASE_URL) {
  console.error('bench:intake needs DATABASE_URL (a seeded server database)');
  process.exit(1);
}

const RAISED_LIMITS = {
  SUQIU_RATE_SUBMIT_PER_ADDRESS: '1000000000',
  SUQIU_RATE_SUBMIT_PER_PHONE: '1000000000',
  SUQIU_RATE_UPLOAD_PER_ADDRESS: '1000000000',
  SUQIU_RATE_TRACK_PER_ADDRESS: '1000000000',
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/**
 * One POST over a kept-alive connection (one per client), with the headers a mini-program sends
 * (JSON, gzip accepted). node:http rather than fetch: the load generator shares the 2 cores with
 * the app and the database, and fetch costs it about twice the CPU per request.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 1000 });
function post(url: string, body: string): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'accept-encoding': 'gzip',
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          try {
            const raw = Buffer.concat(chunks);
            const text = (res.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString(
              'utf8',
            );
            resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) });
          } catch (error) {
            reject(error);
          }
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function waitUp(base: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(`${base}/api/v1/categories`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`app at ${base} did not answer within ${ms / 1000} s`);
}

/** Clock ticks per second of /proc/<pid>/stat's utime and stime (Linux: 100). */
const TICKS_PER_S = 100;

/** CPU milliseconds (user + system) a process has used so far; 0 when it is gone or not on Linux. */
function cpuMsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / TICKS_PER_S;
  } catch {
    return 0;
  }
}

/** The process and all its descendants (the cluster primary and its workers). */
function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  try {
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
      } catch {}
    }
  } catch {
    return [root];
  }
  const out: number[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    out.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return out;
}

/**
 * CPU used so far by the app (the started cluster's processes; none with APP_URL), by the
 * PostgreSQL backends connected to the bench database (when PostgreSQL runs on this machine) and by
 * this load generator: the measure that stays meaningful on a shared, loaded machine.
 */
async function cpuSnapshot(
  db: Client,
): Promise<{ app: Map<number, number>; pg: Map<number, number>; load: number }> {
  const app = new Map<number, number>();
  if (server?.pid) for (const pid of processTree(server.pid)) app.set(pid, cpuMsOf(pid));
  const pg = new Map<number, number>();
  const backends = await db.query<{ pid: number }>(
    'select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
  );
  for (const { pid } of backends.rows) pg.set(pid, cpuMsOf(pid));
  const u = process.cpuUsage();
  return { app, pg, load: (u.user + u.system) / 1000 };
}

/** CPU ms between two snapshots (a process first seen in the second counts from 0). */
function cpuSpent(a: Map<number, number>, b: Map<number, number>): number {
  let ms = 0;
  for (const [pid, t] of b) ms += t - (a.get(pid) ?? 0);
  return ms;
}

let server: ChildProcess | null = null;
let base = process.env.APP_URL?.replace(/\/$/, '');
if (base) {
  const host = new URL(base).hostname;
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) {
    console.error('bench:intake runs against loopback only');
    process.exit(1);
  }
} else {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const distDir = process.env.BENCH_DIST_DIR ?? '.next-bench';
  // As in production on the server database: `npm run start:cluster`, one worker per core.
  const workers = process.env.SUQIU_WORKERS ?? String(availableParallelism());
  // BENCH_NODE_ARGS: extra node options for the app (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`: the
  // workers inherit them; each writes its profile when it stops).
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  server = spawn('node', [...nodeArgs, 'scripts/start-cluster.mjs', '-H', '127.0.0.1', '-p', String(port)], {
    env: {
      ...process.env,
      ...RAISED_LIMITS,
      NEXT_DIST_DIR: distDir,
      DATABASE_URL,
      NODE_ENV: 'production',
      SUQIU_MEDIA_SECRET: process.env.SUQIU_MEDIA_SECRET ?? randomBytes(32).toString('hex'),
      SUQIU_WORKERS: workers,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  console.log(`bench:intake: start:cluster with ${workers} workers (${distDir}) on ${base}`);
}
const stopServer = () => {
  if (server?.pid) {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {}
  }
};
process.on('exit', stopServer);

const db = new Client({ connectionString: DATABASE_URL });
await db.connect();
try {
  await waitUp(base, 60_000);
  const points = (
    await db.query<{ lng: number; lat: number }>(
      `select ST_X(location) as lng, ST_Y(location) as lat from complaints where kind = 'complaint' order by random() limit 500`,
    )
  ).rows;
  if (points.length === 0) throw new Error('no complaints in the database: seed it first');

  const run = `bench-${randomBytes(4).toString('hex')}`;
  const accepted = new Map<string, string>(); // idempotency key → tracking code
  const latencies: number[] = [];
  /** Per measured second (by completion time): latencies. */
  const seconds: number[][] = [];
  const failures = new Map<string, number>();
  // Warm up at full load, unrecorded: the JIT, the pool and intake's caches settle first.
  const warmUntil = performance.now() + WARMUP * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, c) => {
      for (let n = 0; performance.now() < warmUntil; n++) await submit(`${run}-warm-${c}-${n}`, false);
    }),
  );
  const load0 = loadavg()[0]!;
  const cpu0 = await cpuSnapshot(db);
  const deadline = performance.now() + SECONDS * 1000;
  const t0 = performance.now();

  async function submit(key: string, record: boolean): Promise<void> {
    const p = points[Math.floor(Math.random() * points.length)]!;
    const body = JSON.stringify({
      description: '压力测试：小区门口的路灯坏了，晚上很黑，请尽快维修。',
      location: { lng: p.lng, lat: p.lat, datum: 'wgs84' },
      idempotencyKey: key,
    });
    const start = performance.now();
    try {
      const res = await post(`${base}/api/v1/complaints`, body);
      const json = res.json as { complaint?: { trackingCode: string }; error?: { code: string } };
      const ms = performance.now() - start;
      if (!record) return;
      latencies.push(ms);
      const second = Math.floor((performance.now() - t0) / 1000);
      seconds[second] ??= [];
      seconds[second].push(ms);
      if (res.status === 201 && json.complaint) accepted.set(key, json.complaint.trackingCode);
      else
        failures.set(
          `${res.status} ${json.error?.code ?? ''}`,
          (failures.get(`${res.status} ${json.error?.code ?? ''}`) ?? 0) + 1,
        );
    } catch (error) {
      if (record)
        failures.set(
          `network ${(error as Error).message}`,
          (failures.get(`network ${(error as Error).message}`) ?? 0) + 1,
        );
    }
  }

  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, c) => {
      for (let n = 0; performance.now() < deadline; n++) await submit(`${run}-${c}-${n}`, true);
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  const cpu1 = await cpuSnapshot(db);
  const load1 = loadavg()[0]!;
  latencies.sort((a, b) => a - b);
  const q = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? Number.NaN;

  const rows = (
    await db.query<{ k: string; code: string; n: number }>(
      `select idempotency_key as k, min(tracking_code) as code, count(*)::int as n from complaints
       where idempotency_key like $1 group by idempotency_key`,
      [`${run}-%`],
    )
  ).rows.filter((r) => !r.k.includes('-warm-'));
  const inDb = new Map(rows.map((r) => [r.k, r]));
  let missing = 0;
  let duplicated = 0;
  let mismatched = 0;
  for (const [key, code] of accepted) {
    const row = inDb.get(key);
    if (!row) missing++;
    else if (row.n !== 1) duplicated++;
    else if (row.code !== code) mismatched++;
  }
  const unacknowledged = rows.filter((r) => !accepted.has(r.k)).length;

  console.log(`bench:intake: ${CLIENTS} clients for ${elapsed.toFixed(1)} s against ${base}`);
  console.log(`  requests     ${latencies.length}`);
  console.log(`  accepted     ${accepted.size} (${(accepted.size / elapsed).toFixed(1)} /s)`);
  console.log(
    `  latency      p50 ${q(0.5).toFixed(0)} ms, p99 ${q(0.99).toFixed(0)} ms, max ${(latencies.at(-1) ?? 0).toFixed(0)} ms`,
  );
  for (const [k, n] of failures) console.log(`  failed       ${n} × ${k}`);
  // CPU per accepted complaint: what the throughput is made of, whatever else runs on the machine.
  const per = (ms: number) => (accepted.size > 0 ? (ms / accepted.size).toFixed(2) : '–');
  const appMs = cpuSpent(cpu0.app, cpu1.app);
  const pgMs = cpuSpent(cpu0.pg, cpu1.pg);
  const genMs = cpu1.load - cpu0.load;
  console.log(
    `  cpu          per accepted: app ${server ? per(appMs) : '– (APP_URL)'} ms, postgres backends ${per(pgMs)} ms, load generator ${per(genMs)} ms; total ${((appMs + pgMs + genMs) / elapsed / 1000).toFixed(2)} cores busy`,
  );
  console.log(`  load average ${load0.toFixed(2)} at the start, ${load1.toFixed(2)} at the end (1 min)`);
  if (values.timeline) {
    for (const [i, ms] of seconds.entries()) {
      const sorted = (ms ?? []).sort((a, b) => a - b);
      const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
      console.log(
        `  second ${String(i).padStart(3)}  ${String(sorted.length).padStart(4)} requests  p50 ${at(0.5).toFixed(0)} ms  p99 ${at(0.99).toFixed(0)} ms`,
      );
    }
  }
  console.log(
    `  database     ${missing} accepted but missing, ${duplicated} stored more than once, ${mismatched} with another tracking code; ${unacknowledged} stored but not acknowledged`,
  );
  process.exitCode = missing + duplicated + mismatched > 0 ? 1 : 0;
} finally {
  await db.end();
  stopServer();
}
