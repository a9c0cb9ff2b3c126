/**
 * npm run bench:import -- [--rows 100000] [--as auto|history|live] [--batch 2000] [--keep] [--skip-rerun]
 *   [--link] [--template <seeded database>] [--name <database>] [--from YYYY-MM-DD]
 *
 * The history importer end to end, as a city would run it: generates a realistic synthetic 311-style
 * CSV into /tmp (one year from --from, default 2015-01-01; ~150 request types mapped to our categories by a mapping file; points
 * clustered around the city's buildings, a few jittered out of the city; ~15 % still open; the source's
 * own deadline in a TARGET_DT column; ~0.2 % closing times 1–58 s before opening (clock skew); ~0.3 %
 * bad rows; Chinese text with commas, quotes and newlines), creates a fresh server database
 * `suqiu_import_bench_<time>` on the server of ADMIN_DATABASE_URL (default
 * postgres://suqiu:suqiu@127.0.0.1:5432/postgres), seeds the demo city into it (`npm run db:seed`),
 * runs `npm run import:requests` on the file, then runs it again. Prints rows/s, the importer's peak
 * RSS, the notifications and deadline alerts the import created, and both exit codes. Drops the
 * database at the end unless --keep.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, readFileSync, statSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import seedrandom from 'seedrandom';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    as: { type: 'string', default: 'auto' },
    batch: { type: 'string', default: '2000' },
    keep: { type: 'boolean', default: false },
    'skip-rerun': { type: 'boolean', default: false },
    link: { type: 'boolean', default: false },
    /** Copy this already seeded database instead of seeding (CREATE DATABASE … TEMPLATE). */
    template: { type: 'string' },
    /** The fresh database's name (default `suqiu_import_bench_<time>`): e.g. your own prefix on a shared server. */
    name: { type: 'string' },
    /** First day (Asia/Shanghai) of the generated year: a recent one gives a database for the 12-month analyses. */
    from: { type: 'string', default: '2015-01-01' },
  },
});
const ROWS = Number(values.rows);
const ADMIN_URL = process.env.ADMIN_DATABASE_URL ?? 'postgres://suqiu:suqiu@127.0.0.1:5432/postgres';
const dbName = values.name ?? `suqiu_import_bench_${Date.now().toString(36)}`;
if (!/^[a-z_][a-z0-9_]*$/.test(dbName)) throw new Error(`--name: not a plain database name: ${dbName}`);
const dbUrl = (() => {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${dbName}`;
  return u.toString();
})();
if (!/^\d{4}-\d{2}-\d{2}$/.test(values.from))
  throw new Error(`--from: expected YYYY-MM-DD, got ${values.from}`);
const FROM = values.from;
const CSV = `/tmp/suqiu-bench-import-${ROWS}-${FROM}.csv`;
const MAPPING = '/tmp/suqiu-bench-import-mapping.json';

async function admin(text: string) {
  const c = new Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

function run(cmd: string, args: string[], env: Record<string, string>, echo: (line: string) => void) {
  return new Promise<{ code: number; out: string }>((resolve, reject) => {
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const onData = (d: Buffer) => {
      const s = d.toString();
      out += s;
      for (const line of s.split('\n')) if (line.trim()) echo(line);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

const TEXTS = [
  ['路灯不亮', '晚上整条路一片漆黑，老人小孩出行不安全'],
  ['道路坑洼', '路面有大坑，下雨积水，车辆经过溅水'],
  ['噪声扰民', '夜间施工噪声很大，影响休息'],
  ['垃圾未清运', '小区门口垃圾桶满溢，已经三天没人清运'],
  ['占道经营', '早市摊贩占用人行道，行人只能走机动车道'],
  ['供水问题', '家里停水两天了，没有任何通知'],
  ['违章停车', '消防通道被私家车长期占用'],
  ['井盖缺失', '人行道上井盖丢失，非常危险'],
  ['绿化问题', '行道树枯死未补种，树枝掉落'],
  ['油烟扰民', '楼下餐馆油烟直排，窗户都不敢开'],
];
const NOTES = [
  '已派维修班组处理',
  '已修复，经回访群众满意',
  '已转相关部门办理，"待复核"',
  '现场核实，问题已整改\n下一步持续跟踪',
  '',
];

async function generate(categories: string[], anchors: [number, number][]) {
  const rng = seedrandom('bench-import');
  const codes = Array.from({ length: 150 }, (_, i) => `SR-${String(i + 1).padStart(3, '0')}`);
  const services = Object.fromEntries(codes.map((c, i) => [c, categories[i % categories.length]!]));
  writeFileSync(
    MAPPING,
    JSON.stringify(
      {
        source: 'bench',
        description: 'synthetic 311 year for npm run bench:import',
        services,
        columns: { target_datetime: 'TARGET_DT' },
        utcOffset: '+08:00',
      },
      null,
      2,
    ),
  );
  // Zipf-like request types: a few common, a long tail.
  const weights = codes.map((_, i) => 1 / (i + 1) ** 0.9);
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  weights.reduce((acc, w, i) => (cumulative[i] = acc + w / total), 0);
  const pickCode = () => {
    const u = rng();
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return codes[lo]!;
  };
  const out = createWriteStream(CSV);
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  const cell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  const naive = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
  await write(
    'service_request_id,service_code,service_name,status,requested_datetime,updated_datetime,TARGET_DT,lat,long,description,address,status_notes\n',
  );
  const start = Date.parse(`${FROM}T00:00:00+08:00`);
  const year = 365 * 86_400_000;
  const stats = { open: 0, skewed: 0, bad: 0, outside: 0 };
  for (let i = 0; i < ROWS; i++) {
    const id = `15-${String(i + 1).padStart(8, '0')}`;
    let code = pickCode();
    const requested = start + Math.floor(rng() * year);
    const open = rng() < 0.15;
    const handling = Math.floor(-Math.log(1 - rng()) * 3 * 86_400_000);
    let updated = open ? requested + Math.floor(rng() * 3_600_000) : requested + handling;
    if (!open && rng() < 0.002) {
      updated = requested - (1 + Math.floor(rng() * 58)) * 1000;
      stats.skewed++;
    }
    const target = requested + (3 + Math.floor(rng() * 12)) * 86_400_000;
    const anchor = anchors[Math.floor(rng() * anchors.length)]!;
    let lng = anchor[0] + (rng() - 0.5) * 0.002;
    let lat = anchor[1] + (rng() - 0.5) * 0.002;
    let requestedText = naive(requested);
    const bad = rng();
    if (bad < 0.001) {
      code = 'SR-999'; // unmapped
      stats.bad++;
    } else if (bad < 0.0015) {
      requestedText = '2015-13-45 25:00:00';
      stats.bad++;
    } else if (bad < 0.002) {
      lat = Number.NaN;
      stats.bad++;
    } else if (bad < 0.003) {
      lng += 3; // far outside the city
      stats.outside++;
    }
    if (open) stats.open++;
    const [name, text] = TEXTS[Math.floor(rng() * TEXTS.length)]!;
    await write(
      [
        id,
        code,
        name!,
        open ? 'open' : 'closed',
        requestedText,
        naive(updated),
        naive(target),
        Number.isNaN(lat) ? 'n/a' : lat.toFixed(6),
        lng.toFixed(6),
        cell(`${text}，编号${i % 1000}`),
        cell(`${['东区', '西区', '仁和区'][i % 3]}${(i % 300) + 1}号`),
        cell(open ? '' : NOTES[i % NOTES.length]!),
      ].join(',') + '\n',
    );
  }
  out.end();
  await once(out, 'finish');
  return stats;
}

/**
 * CPU seconds the database spent on this database's connections: each backend's utime + stime from
 * /proc, sampled every 500 ms while the importer runs (the last sample of each backend counts). With
 * the importer's own CPU time, this gives the rate an otherwise idle machine would reach, whatever
 * else shares the cores during the run.
 */
function sampleBackendCpu(name: string) {
  const seen = new Map<number, number>();
  let stopped = false;
  const admin = new Client({ connectionString: ADMIN_URL });
  const tick = 100; // clock ticks per second (Linux USER_HZ)
  const done = (async () => {
    await admin.connect();
    while (!stopped) {
      const pids = (
        await admin.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [name])
      ).rows;
      for (const { pid } of pids) {
        try {
          const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
          seen.set(pid, (Number(fields[11]) + Number(fields[12])) / tick);
        } catch {
          // the backend ended between the query and the read
        }
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    await admin.end();
  })();
  return async () => {
    stopped = true;
    await done;
    return [...seen.values()].reduce((a, b) => a + b, 0);
  };
}

const t0 = performance.now();
if (values.template) {
  console.log(`bench:import: creating ${dbName} as a copy of the seeded ${values.template} …`);
  await admin(`create database ${dbName} template ${values.template}`);
} else {
  console.log(`bench:import: creating ${dbName} and seeding the demo city …`);
  await admin(`create database ${dbName}`);
}
try {
  if (!values.template) {
    const seeded = await run('npm', ['run', 'db:seed'], { DATABASE_URL: dbUrl }, () => {});
    if (seeded.code !== 0) throw new Error(`seed failed:\n${seeded.out}`);
  }
  const db = new Client({ connectionString: dbUrl });
  await db.connect();
  const categories = (
    await db.query<{ code: string }>(
      `select code from categories where level = 2 and code not like 'JJ%' and active order by code`,
    )
  ).rows.map((r) => r.code);
  const anchors = (
    await db.query<{ x: number; y: number }>(
      `select ST_X(c) as x, ST_Y(c) as y from (select ST_PointOnSurface(footprint) as c from buildings order by id) b`,
    )
  ).rows.map((r) => [r.x, r.y] as [number, number]);
  console.log(
    `bench:import: seeded in ${((performance.now() - t0) / 1000).toFixed(0)} s; ${categories.length} categories, ${anchors.length} buildings as anchors`,
  );
  const g0 = performance.now();
  const made = await generate(categories, anchors);
  console.log(
    `bench:import: wrote ${CSV} (${ROWS.toLocaleString('en-US')} rows, ${(statSync(CSV).size / 1e6).toFixed(1)} MB) in ${((performance.now() - g0) / 1000).toFixed(1)} s: ` +
      `${made.open} open, ${made.skewed} clock-skewed, ${made.bad} bad, ${made.outside} outside the city`,
  );
  const count = async (q: string) => Number((await db.query<{ n: string }>(q)).rows[0]!.n);
  const before = {
    notifications: await count('select count(*) as n from notifications'),
    alerts: await count('select count(*) as n from deadline_alerts'),
    complaints: await count('select count(*) as n from complaints'),
  };
  const args = [
    'run',
    'import:requests',
    '--',
    CSV,
    '--mapping',
    MAPPING,
    '--as',
    values.as!,
    '--batch',
    values.batch!,
  ];
  const i0 = performance.now();
  const stopSampling = sampleBackendCpu(dbName);
  const first = await run('npm', args, { DATABASE_URL: dbUrl }, (l) => {
    if (l.startsWith('import:')) console.log(`  ${l}`);
  });
  const seconds = (performance.now() - i0) / 1000;
  const pgCpu = await stopSampling();
  const nodeCpu = Number(/importer CPU ([\d.]+) s/.exec(first.out)?.[1] ?? Number.NaN);
  const loaded = (await count('select count(*) as n from complaints')) - before.complaints;
  const created = {
    notifications: (await count('select count(*) as n from notifications')) - before.notifications,
    alerts: (await count('select count(*) as n from deadline_alerts')) - before.alerts,
  };
  const rss = /peak RSS (\d+) MB/.exec(first.out)?.[1];
  const rate = /(\d[\d,]*) rows\/s: /.exec(first.out)?.[1];
  let second: { code: number; out: string } | null = null;
  let secondSeconds = 0;
  if (!values['skip-rerun']) {
    const r0 = performance.now();
    second = await run('npm', args, { DATABASE_URL: dbUrl }, (l) => {
      if (l.startsWith('import: done')) console.log(`  (re-run) ${l}`);
    });
    secondSeconds = (performance.now() - r0) / 1000;
  }
  const bins = await db.query<{ raw: string; bins: string; area: string }>(
    `select (select count(*) from complaints) as raw,
            (select sum(n) from complaint_map_bins where level = 14) as bins,
            (select sum(n) from complaint_area_bins) as area`,
  );
  await db.end();
  console.log('\nbench:import results');
  console.log(`  rows in file            ${ROWS.toLocaleString('en-US')}`);
  console.log(
    `  loaded                  ${loaded.toLocaleString('en-US')} in ${seconds.toFixed(1)} s (wall, incl. start)`,
  );
  console.log(`  importer rate           ${rate ?? '?'} rows/s (read ÷ import time)`);
  console.log(`  wall rate               ${Math.round(ROWS / seconds).toLocaleString('en-US')} rows/s`);
  console.log(`  importer peak RSS       ${rss ?? '?'} MB`);
  console.log(
    `  CPU                     database ${pgCpu.toFixed(1)} s + importer ${nodeCpu.toFixed(1)} s = ` +
      `${Math.round(ROWS / (pgCpu + nodeCpu)).toLocaleString('en-US')} rows per CPU-second (an idle machine: that many rows/s per core in use)`,
  );
  console.log(`  notifications created   ${created.notifications}`);
  console.log(`  deadline alerts created ${created.alerts}`);
  console.log(`  first run exit code     ${first.code}`);
  if (second) console.log(`  re-run exit code        ${second.code} (${secondSeconds.toFixed(1)} s)`);
  console.log(
    `  bins = raw              ${bins.rows[0]!.bins} / ${bins.rows[0]!.area} / ${bins.rows[0]!.raw}`,
  );
} finally {
  if (!values.keep) {
    await admin(`drop database if exists ${dbName} with (force)`);
    console.log(`bench:import: dropped ${dbName}`);
  } else console.log(`bench:import: kept ${dbName} (${dbUrl})`);
}
