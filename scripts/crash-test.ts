/**
 * npm run test:crash -- [--short] [--engine server|embedded|both] [--seconds N] [--kills N] [--clients N] [--keep]
 *
 * Nothing lost when the app dies. Against the built app (`next start`; run `npm run build` first):
 * for each engine — the server database (a fresh database `suqiu_crash_<pid>` on DATABASE_URL's
 * server) and an embedded PGlite folder (`.data/crash-<pid>`) — a small city is loaded, the app is
 * started, a few clients submit complaints steadily (POST /api/v1/complaints with an Idempotency-Key,
 * rate limits lifted by SUQIU_RATE_*), and at random moments the whole app process group is killed
 * with SIGKILL and started again. Clients retry every submission that was not acknowledged with the
 * same key and body, as a real client would. One more kill lands during a deadline sweep: with the app
 * down, the deadlines of the cases so far are moved into the past, the app comes back, a sweep is
 * requested (POST /api/sweep) and the app is killed while it runs; the in-process sweep timer
 * (every second here) then finishes the job. At the end the database must hold:
 *   - every acknowledged submission (2xx with a tracking code) exactly once, under its key and code;
 *   - for each, one 'submitted' event, a status equal to its last event's, its three deadlines, and
 *     its contact (exactly one row when a phone was given, none when anonymous);
 *   - every due deadline warned exactly once: one deadline_alerts row, at most one event and one
 *     outbox reminder per (deadline, level), and one of each for every overdue warning.
 * Prints the figures (acknowledged, kills, recovery time) and a closing `Tests  N passed` line;
 * exits non-zero on any failure. Full run by default (60 s of load, 3 kills + 1 sweep kill per
 * engine); `--short` (CI): ≈ 10 s of load, 1 kill + 1 sweep kill per engine.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { type DbHandle, openDb } from '../db/client';
import { insertGeographyFixture } from '../db/seed/complaints/test-fixture';
import { createRng, type SeedContext } from '../db/seed/context';
import { defaultSeedOptions } from '../db/seed/index';
import { seedOffices } from '../db/seed/organisation';
import { seedTaxonomy } from '../db/seed/taxonomy';
import { queryRow, queryRows } from '../db/sql';
import { adminQuery, TEMPLATE_DUMP, withDatabase } from '../db/testing/test-db';

const { values } = parseArgs({
  options: {
    short: { type: 'boolean', default: false },
    engine: { type: 'string', default: 'both' },
    seconds: { type: 'string' },
    kills: { type: 'string' },
    clients: { type: 'string' },
    keep: { type: 'boolean', default: false },
    port: { type: 'string' },
  },
});
const SHORT = values.short;
const LOAD_SECONDS = Number(values.seconds ?? (SHORT ? 10 : 60));
const KILLS = Number(values.kills ?? (SHORT ? 1 : 3));
const CLIENTS = Number(values.clients ?? (SHORT ? 3 : 4));
const BASE_PORT = Number(values.port ?? process.env.CRASH_PORT ?? 3405);
const DIST_DIR = process.env.NEXT_DIST_DIR ?? '.next';
const SERVER_URL = process.env.DATABASE_URL;
// The embedded round's handles must not pick the server up from the environment.
delete process.env.DATABASE_URL;
const SWEEP_TOKEN = randomBytes(16).toString('hex');
const RUN = `crash${process.pid}`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (m: string) => console.log(`crash: ${m}`);
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

// ─── the checks, vitest-like ──────────────────────────────────────────────────────────────────

const results: { name: string; ok: boolean; detail: string }[] = [];
function check(name: string, ok: boolean, detail = ''): void {
  results.push({ name, ok, detail });
  console.log(`  ${ok ? '✓' : '✗'} ${name}${detail ? ` — ${detail}` : ''}`);
}

// ─── the database of a round ──────────────────────────────────────────────────────────────────

interface Target {
  engine: 'server' | 'embedded';
  env: Record<string, string>;
  open(): Promise<DbHandle>;
  drop(): Promise<void>;
  label: string;
}

/** The seed's taxonomy and offices on its 3-county geography fixture: enough to take submissions. */
async function loadCity(handle: DbHandle): Promise<void> {
  const ctx: SeedContext = {
    ...defaultSeedOptions({ log: () => {}, complaints: 0 }),
    rng: createRng(7),
  };
  await seedTaxonomy(handle.db, ctx);
  await insertGeographyFixture(handle.db);
  await seedOffices(handle.db, { ...ctx, rng: createRng('offices') });
}

async function serverTarget(url: string): Promise<Target> {
  const name = `suqiu_${RUN}`;
  await adminQuery(url, `drop database if exists ${name} with (force)`);
  await adminQuery(url, `create database ${name}`);
  const dbUrl = withDatabase(url, name);
  const handle = await openDb({ databaseUrl: dbUrl });
  try {
    await loadCity(handle);
  } finally {
    await handle.close();
  }
  return {
    engine: 'server',
    env: { DATABASE_URL: dbUrl },
    open: () => openDb({ databaseUrl: dbUrl, migrate: false }),
    drop: () => adminQuery(url, `drop database if exists ${name} with (force)`),
    label: `server database ${name}`,
  };
}

async function embeddedTarget(): Promise<Target> {
  const dir = path.join('.data', `crash-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  if (existsSync(TEMPLATE_DUMP)) {
    // The migrated template the tests use: seconds instead of a PGlite initdb and all migrations.
    const { PGlite } = await import('@electric-sql/pglite');
    const { postgis } = await import('@electric-sql/pglite-postgis');
    const pg = await PGlite.create({
      dataDir: dir,
      loadDataDir: new Blob([readFileSync(TEMPLATE_DUMP)]),
      extensions: { postgis },
    });
    await pg.close();
  }
  const handle = await openDb({ dataDir: dir });
  try {
    await loadCity(handle);
  } finally {
    await handle.close();
  }
  return {
    engine: 'embedded',
    env: { SUQIU_DATA_DIR: dir },
    open: () => openDb({ dataDir: dir, migrate: false }),
    drop: async () => {
      rmSync(dir, { recursive: true, force: true });
      rmSync(`${path.resolve(dir)}.lock`, { force: true });
    },
    label: `embedded folder ${dir}`,
  };
}

// ─── the app ──────────────────────────────────────────────────────────────────────────────────

class App {
  child: ChildProcess | null = null;
  output = '';
  constructor(
    readonly port: number,
    readonly env: Record<string, string>,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Start `next start` in its own process group; resolves when /api/health answers 200. */
  async start(overrides: Record<string, string> = {}): Promise<number> {
    const t0 = performance.now();
    const env = { ...process.env, ...this.env };
    // A production start refuses to run without the attachment links' secret.
    env.SUQIU_MEDIA_SECRET ??= randomBytes(32).toString('hex');
    delete env.DATABASE_URL;
    delete env.SUQIU_DATA_DIR;
    Object.assign(env, this.env, overrides);
    this.child = spawn(
      process.execPath,
      [
        '--import',
        './scripts/peer-address.mjs',
        'node_modules/next/dist/bin/next',
        'start',
        '-p',
        String(this.port),
      ],
      {
        env,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-20_000);
    };
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
    const child = this.child;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the app exited (${child.exitCode}):\n${this.output}`);
      try {
        const res = await fetch(`${this.url}/api/health`, { signal: AbortSignal.timeout(5_000) });
        if (res.ok) return performance.now() - t0;
      } catch {}
      if (performance.now() - t0 > 120_000)
        throw new Error(`the app did not answer in 120 s:\n${this.output}`);
      await sleep(100);
    }
  }

  /** SIGKILL the whole process group (next start and anything it forked): a crash, no clean-up. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child?.pid) return;
    const exited = new Promise((r) => child.once('exit', r));
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {}
    await exited;
    this.child = null;
  }

  /** A clean stop (SIGTERM), then SIGKILL after 15 s. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child?.pid) return;
    const exited = new Promise((r) => child.once('exit', r));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {}
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {}
    }, 15_000);
    await exited;
    clearTimeout(timer);
    this.child = null;
  }
}

// ─── the load ─────────────────────────────────────────────────────────────────────────────────

interface Submission {
  key: string;
  body: string;
  phone: string | null;
  attempts: number;
  /** The tracking codes of every 2xx answer (must all be the same). */
  codes: string[];
  firstAckAt: number | null;
}

const TEXTS = [
  '小区门口垃圾堆积多日无人清理，气味很大，请尽快处理。',
  '路灯坏了一个多星期，晚上出行很不安全。',
  '楼下餐馆油烟直排，影响居民正常生活。',
  '道路上有一个大坑，雨天积水，车辆通行困难。',
  '自来水停水两天了，没有任何通知。',
  '夜间施工噪音太大，影响休息。',
  '社区卫生服务中心的药比外面药店贵很多。',
  '井盖缺失，存在安全隐患。',
];

class Load {
  readonly all: Submission[] = [];
  stopping = false;
  acceptNew = true;
  errors: string[] = [];
  private workers: Promise<void>[] = [];
  private n = 0;
  lastAckAt = 0;
  paused = false;
  inFlight = 0;
  /** Acknowledged only by a retry that found it stored: committed before a kill, its answer lost. */
  replayed = 0;

  /** Hold new requests and wait for the ones in flight to answer. */
  async pause(): Promise<void> {
    this.paused = true;
    while (this.inFlight > 0) await sleep(10);
  }

  constructor(
    readonly app: App,
    readonly points: { lng: number; lat: number }[],
  ) {}

  private make(): Submission {
    const i = this.n++;
    const point = this.points[i % this.points.length]!;
    const anonymous = i % 5 === 4;
    const phone = anonymous
      ? null
      : `139${String(10_000_000 + ((process.pid * 7919 + i) % 89_999_999)).slice(0, 8)}`;
    const body = {
      description: `${TEXTS[i % TEXTS.length]}（压测 ${RUN}-${i}）`,
      location: {
        lng: point.lng + ((i % 7) - 3) * 0.0004,
        lat: point.lat + ((i % 5) - 2) * 0.0004,
        datum: 'wgs84',
      },
      channel: 'web',
      anonymous,
      ...(phone ? { contact: { name: '压测', phone } } : {}),
    };
    const sub: Submission = {
      key: `${RUN}-${i}-${randomUUID().slice(0, 8)}`,
      body: JSON.stringify(body),
      phone,
      attempts: 0,
      codes: [],
      firstAckAt: null,
    };
    this.all.push(sub);
    return sub;
  }

  start(): void {
    for (let c = 0; c < CLIENTS; c++) this.workers.push(this.client());
  }

  private async client(): Promise<void> {
    let current: Submission | null = null;
    while (!this.stopping) {
      if (this.paused) {
        await sleep(20);
        continue;
      }
      if (!current) {
        if (!this.acceptNew) return;
        current = this.make();
      }
      current.attempts++;
      let status = 0;
      let text = '';
      this.inFlight++;
      try {
        const res = await fetch(`${this.app.url}/api/v1/complaints`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': current.key },
          body: current.body,
          signal: AbortSignal.timeout(20_000),
        });
        status = res.status;
        text = await res.text();
      } catch {
        // Connection refused or reset: the app is down. Retry the same submission.
        await sleep(150);
        continue;
      } finally {
        this.inFlight--;
      }
      if (status === 200 || status === 201) {
        const code = (JSON.parse(text) as { complaint?: { trackingCode?: string } }).complaint?.trackingCode;
        if (!code) {
          this.errors.push(`${current.key}: ${status} without a tracking code: ${text.slice(0, 200)}`);
        } else {
          current.codes.push(code);
          if (status === 200 && current.attempts > 1) this.replayed++;
          current.firstAckAt ??= Date.now();
          this.lastAckAt = Date.now();
        }
        current = null;
      } else if (status >= 500 || status === 429 || status === 409) {
        // 409: "submission in progress; retry" (a concurrent retry still committing); 5xx: a crash mid-request.
        await sleep(200);
      } else {
        this.errors.push(`${current.key}: unexpected ${status}: ${text.slice(0, 200)}`);
        current = null;
      }
    }
  }

  /** Stop taking new submissions and wait until every one started so far is acknowledged. */
  async drain(timeoutMs = 60_000): Promise<void> {
    this.acceptNew = false;
    const t0 = Date.now();
    while (this.all.some((s) => s.codes.length === 0) && Date.now() - t0 < timeoutMs) await sleep(100);
    this.stopping = true;
    await Promise.all(this.workers);
  }

  acknowledged(): number {
    return this.all.filter((s) => s.codes.length > 0).length;
  }
}

// ─── the sweep kill ───────────────────────────────────────────────────────────────────────────

/** Move the deadlines of the cases so far (app down): dispatch and first reply overdue, resolution due soon. */
async function makeDeadlinesDue(target: Target): Promise<number> {
  const handle = await target.open();
  try {
    const row = await queryRow<{ n: number }>(
      handle.db,
      sql`with moved as (
            update complaints set
              dispatch_due_at = case when dispatch_due_at is not null then now() - interval '30 minutes' end,
              first_reply_due_at = now() - interval '20 minutes',
              resolve_due_at = now() + interval '3 hours'
            where idempotency_key like ${`${RUN}-%`}
            returning 1)
          select count(*)::int as n from moved`,
    );
    return Number(row?.n ?? 0);
  } finally {
    await handle.close();
  }
}

async function requestSweep(app: App): Promise<{ status: number; body: string } | null> {
  try {
    const res = await fetch(`${app.url}/api/sweep`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SWEEP_TOKEN}` },
      signal: AbortSignal.timeout(60_000),
    });
    return { status: res.status, body: await res.text() };
  } catch {
    return null;
  }
}

/** What the sweep kills found, checked with the rest at the end. */
const sweepChecks: { engine: string; ok: boolean; note: string }[] = [];

/**
 * Half-done warnings: an alert without its event (a due-soon alert superseded by an overdue one in
 * the same sweep has none, by design), or a warning event on a case with an office and no reminder.
 * A sweep that died midway and left part of its work would show here.
 */
const HALF_DONE_SQL = `select
  (select count(*) from deadline_alerts a where a.subject_type = 'complaint'
     and not exists (select 1 from complaint_events e where e.type in ('due_soon', 'overdue') and (e.data->>'alertId')::int = a.id)
     and not (a.level = 'due_soon' and exists (select 1 from deadline_alerts b where b.subject_type = a.subject_type
       and b.subject_id = a.subject_id and b.deadline = a.deadline and b.level = 'overdue' and b.raised_at = a.raised_at)))::int as alerts,
  (select count(*) from complaint_events e join complaints c on c.id = e.complaint_id
    where e.type in ('due_soon', 'overdue') and c.responsible_office_id is not null
      and not exists (select 1 from notifications n where n.complaint_id = e.complaint_id and n.kind::text = e.type::text
        and n.data->>'deadline' = e.data->>'deadline' and n.data->>'dueAt' = e.data->>'dueAt'))::int as events`;

/**
 * Server: make the deadlines of every case so far due (live), hold the outbox table in SHARE mode so
 * the next sweep stops after writing its alerts and events but before its reminders, wait until a
 * sweep is seen waiting there, and SIGKILL the app: the sweep dies mid-transaction. Its alerts must
 * be gone (rolled back with it), to be raised once by the sweeps after the restart.
 */
async function sweepKillServer(
  target: Target,
  app: App,
  load: Load,
): Promise<{ killedAt: number; ok: boolean; note: string }> {
  const { Client } = await import('pg');
  const blocker = new Client({ connectionString: target.env.DATABASE_URL });
  await blocker.connect();
  const count = async () =>
    Number((await blocker.query<{ n: string }>('select count(*) as n from deadline_alerts')).rows[0]?.n);
  try {
    // Submissions wait meanwhile (a dispatch writes to the outbox too, and would queue behind the lock).
    await load.pause();
    // Lock first, then make the deadlines due: no sweep can complete in between.
    await blocker.query('begin');
    await blocker.query('lock table notifications in share mode');
    const before = await count();
    const moved = await makeDeadlinesDue(target);
    void requestSweep(app);
    const t = Date.now();
    let waiting = 0;
    while (Date.now() - t < 30_000) {
      // A sweep mid-transaction: it holds its insert lock on deadline_alerts and waits for the outbox.
      const r = await blocker.query<{ n: string }>(
        `select count(distinct a.pid) as n from pg_stat_activity a
           join pg_locks l on l.pid = a.pid and l.granted and l.relation = 'deadline_alerts'::regclass
                          and l.mode = 'RowExclusiveLock'
          where a.datname = current_database() and a.wait_event_type = 'Lock'`,
      );
      waiting = Number(r.rows[0]?.n);
      if (waiting > 0) break;
      await sleep(10);
    }
    await app.kill();
    const killedAt = Date.now();
    await blocker.query('rollback');
    load.paused = false;
    await sleep(500); // the server notices the dead connections and rolls their transactions back
    const after = await count();
    const half = (await blocker.query<{ alerts: number; events: number }>(HALF_DONE_SQL)).rows[0];
    const whole = half?.alerts === 0 && half?.events === 0;
    return {
      killedAt,
      ok: waiting > 0 && whole,
      note:
        `${moved} cases made due; ${waiting > 0 ? `killed while ${waiting} sweep(s) had written their alerts and events and waited on the outbox` : 'NO SWEEP WAS SEEN MID-TRANSACTION'}; ` +
        `alerts ${before} before, ${after} right after the kill (sweeps needing no reminder commit meanwhile); ` +
        `half-done warnings: ${half?.alerts} alerts without event, ${half?.events} events without reminder`,
    };
  } finally {
    load.paused = false;
    await blocker.end().catch(() => {});
  }
}

/**
 * Embedded (the folder is the app's alone while it runs): kill under load, make the deadlines of every
 * case so far due with the app down, start it, request a sweep and SIGKILL the app while the request
 * is in flight. What the killed sweep left is read back (whole or nothing, never part).
 */
async function sweepKillEmbedded(
  target: Target,
  app: App,
  killUnderLoad: () => Promise<number>,
): Promise<{ killedAt: number; ok: boolean; note: string }> {
  await killUnderLoad();
  const moved = await makeDeadlinesDue(target);
  // This once without the timer, so that the requested sweep is the one that finds the work.
  await app.start({ SUQIU_SWEEP_INTERVAL_MS: '0' });
  let answered = false;
  void requestSweep(app).then(() => {
    answered = true;
  });
  await sleep(Math.random() * 150);
  const inFlight = !answered;
  await app.kill();
  const killedAt = Date.now();
  const probe = await target.open();
  try {
    const row = await queryRow<{ alerts: number; events: number; reminders: number }>(
      probe.db,
      sql`select (select count(*)::int from deadline_alerts) as alerts,
                 (select count(*)::int from complaint_events where type in ('due_soon', 'overdue')) as events,
                 (select count(*)::int from notifications where kind in ('due_soon', 'overdue')) as reminders`,
    );
    const half = (await queryRows<{ alerts: number; events: number }>(probe.db, sql.raw(HALF_DONE_SQL)))[0];
    return {
      killedAt,
      ok: half?.alerts === 0 && half?.events === 0,
      note:
        `${moved} cases made due (app down); ${inFlight ? 'killed with the sweep request in flight' : 'the sweep answered before the kill'}; ` +
        `then ${row?.alerts} alerts, ${row?.events} warning events, ${row?.reminders} reminders stored; ` +
        `half-done warnings: ${half?.alerts} alerts without event, ${half?.events} events without reminder`,
    };
  } finally {
    await probe.close();
  }
}

// ─── verification ─────────────────────────────────────────────────────────────────────────────

async function verify(target: Target, load: Load): Promise<void> {
  const handle = await target.open();
  try {
    const db = handle.db;
    const acked = load.all.filter((s) => s.codes.length > 0);
    const rows = await queryRows<{
      id: number;
      idempotency_key: string;
      tracking_code: string;
      status: string;
      anonymous: boolean;
      dispatch_due_at: Date | null;
      first_reply_due_at: Date | null;
      resolve_due_at: Date | null;
      submitted_events: number;
      last_status: string | null;
      contacts: number;
      contact_phone: string | null;
    }>(
      db,
      sql`select c.id, c.idempotency_key, c.tracking_code, c.status::text as status, c.anonymous,
                 c.dispatch_due_at, c.first_reply_due_at, c.resolve_due_at,
                 (select count(*)::int from complaint_events e where e.complaint_id = c.id and e.type = 'submitted') as submitted_events,
                 (select e.to_status::text from complaint_events e where e.complaint_id = c.id and e.to_status is not null
                   order by e.created_at desc, e.id desc limit 1) as last_status,
                 (select count(*)::int from complaint_contacts k where k.complaint_id = c.id) as contacts,
                 (select min(k.phone) from complaint_contacts k where k.complaint_id = c.id) as contact_phone
          from complaints c where c.idempotency_key like ${`${RUN}-%`}`,
    );
    const byKey = new Map<string, typeof rows>();
    for (const r of rows) byKey.set(r.idempotency_key, [...(byKey.get(r.idempotency_key) ?? []), r]);

    const missing = acked.filter((s) => !byKey.has(s.key));
    const twice = [...byKey.values()].filter((list) => list.length > 1);
    const codeMismatch = acked.filter((s) => {
      const row = byKey.get(s.key)?.[0];
      return row && (new Set(s.codes).size !== 1 || s.codes[0] !== row.tracking_code);
    });
    const codes = new Set(rows.map((r) => r.tracking_code));
    check(
      `${target.engine}: every acknowledged submission is present exactly once (key and tracking code)`,
      missing.length === 0 && twice.length === 0 && codeMismatch.length === 0 && codes.size === rows.length,
      `${acked.length} acknowledged, ${rows.length} rows; missing ${missing.length}, duplicated ${twice.length}, code mismatches ${codeMismatch.length}` +
        (missing.length ? ` (e.g. ${missing[0]!.key})` : ''),
    );
    const unacked = load.all.length - acked.length;
    check(
      `${target.engine}: every submission was eventually acknowledged (retries with the same key)`,
      unacked === 0 && load.errors.length === 0,
      `${load.all.length} submitted, ${unacked} never acknowledged, ${load.errors.length} unexpected answers${load.errors[0] ? `: ${load.errors[0]}` : ''}`,
    );
    const badEvents = rows.filter((r) => r.submitted_events !== 1 || r.last_status !== r.status);
    const badDeadlines = rows.filter((r) => !r.first_reply_due_at || !r.resolve_due_at);
    const bySub = new Map(load.all.map((s) => [s.key, s]));
    const badContacts = rows.filter((r) => {
      const s = bySub.get(r.idempotency_key);
      if (!s) return true;
      return s.phone ? r.contacts !== 1 || r.contact_phone !== s.phone : r.contacts !== 0 || !r.anonymous;
    });
    check(
      `${target.engine}: each case has one 'submitted' event, its status matches its events, its deadlines and contact are consistent`,
      badEvents.length === 0 && badDeadlines.length === 0 && badContacts.length === 0,
      `events ${badEvents.length}, deadlines ${badDeadlines.length}, contacts ${badContacts.length} inconsistent of ${rows.length}`,
    );

    // Deadline warnings: exactly once.
    const dupEvents = await queryRow<{ n: number }>(
      db,
      sql`select count(*)::int as n from (
            select complaint_id, type, data->>'deadline', data->>'dueAt' from complaint_events
            where type in ('due_soon', 'overdue') group by 1, 2, 3, 4 having count(*) > 1) d`,
    );
    const dupReminders = await queryRow<{ n: number }>(
      db,
      sql`select count(*)::int as n from (
            select complaint_id, letter_id, kind, data->>'deadline', data->>'dueAt' from notifications
            where kind in ('due_soon', 'overdue') group by 1, 2, 3, 4, 5 having count(*) > 1) d`,
    );
    const dupAlerts = await queryRow<{ n: number }>(
      db,
      sql`select count(*)::int as n from (select subject_type, subject_id, deadline, level, due_at from deadline_alerts
            group by 1, 2, 3, 4, 5 having count(*) > 1) d`,
    );
    const alerts = await queryRow<{
      total: number;
      overdue: number;
      without_event: number;
      without_reminder: number;
    }>(
      db,
      sql`select count(*)::int as total,
                 count(*) filter (where a.level = 'overdue')::int as overdue,
                 count(*) filter (where a.level = 'overdue' and (select count(*) from complaint_events e
                   where e.type = 'overdue' and (e.data->>'alertId')::int = a.id) <> 1)::int as without_event,
                 count(*) filter (where a.level = 'overdue' and c.responsible_office_id is not null and (select count(*) from notifications n
                   where n.complaint_id = a.subject_id and n.kind = 'overdue' and n.data->>'deadline' = a.deadline::text) <> 1)::int as without_reminder
          from deadline_alerts a join complaints c on c.id = a.subject_id
          where a.subject_type = 'complaint' and c.idempotency_key like ${`${RUN}-%`}`,
    );
    // Every deadline moved into the past was warned (the sweep resumed after the kill).
    const unwarned = await queryRow<{ n: number }>(
      db,
      sql`select count(*)::int as n from complaints c
          cross join lateral (values ('first_reply', c.first_reply_due_at)) d(deadline, due_at)
          where c.idempotency_key like ${`${RUN}-%`} and c.first_replied_at is null and d.due_at <= now()
            and c.status in ('received','triaged','dispatched','accepted','in_progress','reopened','returned','transferred','escalated')
            and not exists (select 1 from deadline_alerts a where a.subject_type = 'complaint' and a.subject_id = c.id
                              and a.deadline = 'first_reply' and a.level = 'overdue')`,
    );
    check(
      `${target.engine}: deadline sweeps resumed after the kill without double warnings`,
      Number(dupEvents?.n) === 0 &&
        Number(dupReminders?.n) === 0 &&
        Number(dupAlerts?.n) === 0 &&
        Number(alerts?.overdue) > 0 &&
        Number(alerts?.without_event) === 0 &&
        Number(alerts?.without_reminder) === 0 &&
        Number(unwarned?.n) === 0 &&
        sweepChecks.some((c) => c.engine === target.engine && c.ok),
      `${alerts?.total} alerts (${alerts?.overdue} overdue); duplicated: ${dupAlerts?.n} alerts, ${dupEvents?.n} events, ${dupReminders?.n} reminders; ` +
        `overdue without exactly one event ${alerts?.without_event}, without exactly one reminder ${alerts?.without_reminder}; due but never warned ${unwarned?.n}`,
    );
  } finally {
    await handle.close();
  }
}

// ─── one round ────────────────────────────────────────────────────────────────────────────────

interface RoundFigures {
  engine: string;
  submitted: number;
  acknowledged: number;
  replayed: number;
  kills: number;
  recoveries: number[];
  firstAckAfterKill: number[];
  sweepKill: string;
}

async function round(target: Target, port: number): Promise<RoundFigures> {
  log(`${target.label}: port ${port}`);
  const app = new App(port, {
    ...target.env,
    PORT: String(port),
    NEXT_DIST_DIR: DIST_DIR,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    SUQIU_RATE_SUBMIT_PER_ADDRESS: '1000000',
    SUQIU_RATE_SUBMIT_PER_PHONE: '1000000',
    SUQIU_SWEEP_INTERVAL_MS: '1000',
    SUQIU_SWEEP_TOKEN: SWEEP_TOKEN,
  });
  const pointsHandle = await target.open();
  const points = await queryRows<{ lng: number; lat: number }>(
    pointsHandle.db,
    sql`select ST_X(centre) as lng, ST_Y(centre) as lat from divisions where level = 'village' and centre is not null order by code`,
  );
  await pointsHandle.close();
  if (points.length === 0) throw new Error('the city has no villages');

  const figures: RoundFigures = {
    engine: target.engine,
    submitted: 0,
    acknowledged: 0,
    replayed: 0,
    kills: 0,
    recoveries: [],
    firstAckAfterKill: [],
    sweepKill: '',
  };
  log(`app up in ${secs(await app.start())}`);
  const load = new Load(app, points);
  load.start();
  // The clock of the load starts at its first acknowledgement (PGlite's first open can take a while).
  const tStart = Date.now();
  while (load.acknowledged() === 0 && Date.now() - tStart < 120_000) await sleep(20);
  const t0 = Date.now();
  log(`first acknowledgement ${secs(t0 - tStart)} after the load started`);

  /** Restart after a kill at `killedAt`; record how long until the app answers and until the next acknowledgement. */
  const recover = async (killedAt: number) => {
    const up = await app.start();
    figures.recoveries.push(Date.now() - killedAt);
    const ackBefore = load.acknowledged();
    while (load.acknowledged() === ackBefore && Date.now() - killedAt < 120_000) await sleep(20);
    figures.firstAckAfterKill.push(Date.now() - killedAt);
    log(
      `back in ${secs(figures.recoveries.at(-1)!)} (next start ${secs(up)}); first acknowledgement ${secs(figures.firstAckAfterKill.at(-1)!)} after the kill`,
    );
  };
  const killUnderLoad = async () => {
    const before = load.acknowledged();
    await app.kill();
    figures.kills++;
    log(`kill ${figures.kills}: SIGKILL after ${before} acknowledged`);
    return Date.now();
  };

  // Kill moments: random, spread over the load, one slot per kill and one for the sweep kill. The
  // load's clock runs while the app is up (time to recover is not load), so every slot sees submissions.
  const slot = (LOAD_SECONDS * 1000) / (KILLS + 2);
  let upSince = t0;
  const runFor = async (ms: number) => {
    while (Date.now() < upSince + ms) await sleep(50);
  };
  for (let k = 0; k < KILLS; k++) {
    await runFor(slot * (0.5 + Math.random()));
    await recover(await killUnderLoad());
    upSince = Date.now();
  }
  await runFor(slot * (0.5 + Math.random()));
  const sweep =
    target.engine === 'server'
      ? await sweepKillServer(target, app, load)
      : await sweepKillEmbedded(target, app, killUnderLoad);
  figures.kills++;
  figures.sweepKill = sweep.note;
  log(`kill ${figures.kills} (sweep): ${sweep.note}`);
  sweepChecks.push({ engine: target.engine, ok: sweep.ok, note: sweep.note });
  await recover(sweep.killedAt);
  upSince = Date.now();
  await runFor(slot);
  await load.drain();
  // One last sweep on request, after the timer's: anything still due would be raised now, and only once.
  const last = await requestSweep(app);
  log(`final sweep: ${last?.status} ${last?.body}`);
  await sleep(1500); // let the timer's sweeps overlap once more
  await app.stop();
  figures.submitted = load.all.length;
  figures.acknowledged = load.acknowledged();
  figures.replayed = load.replayed;
  log(
    `${figures.acknowledged} of ${figures.submitted} submissions acknowledged in ${secs(Date.now() - t0)}, ${figures.kills} kills`,
  );
  await verify(target, load);
  return figures;
}

// ─── main ─────────────────────────────────────────────────────────────────────────────────────

if (!existsSync(path.join(DIST_DIR, 'BUILD_ID'))) {
  console.error(
    `crash: no production build in ${DIST_DIR}/ — run \`npm run build\` first (or set NEXT_DIST_DIR to the build's folder).`,
  );
  process.exit(2);
}
const engines = values.engine === 'both' ? ['server', 'embedded'] : [values.engine!];
const all: RoundFigures[] = [];
const t0 = performance.now();
for (const [i, engine] of engines.entries()) {
  if (engine === 'server' && !SERVER_URL) {
    check(
      'server: crash test on the server database',
      false,
      'DATABASE_URL is not set (a PostgreSQL server to make the test database on)',
    );
    continue;
  }
  const ts = performance.now();
  const target = engine === 'server' ? await serverTarget(SERVER_URL!) : await embeddedTarget();
  log(`${target.label} ready in ${secs(performance.now() - ts)}`);
  try {
    all.push(await round(target, BASE_PORT + i));
  } catch (error) {
    check(`${engine}: crash round ran to the end`, false, (error as Error).stack ?? String(error));
  } finally {
    if (!values.keep) await target.drop();
  }
}

console.log('\ncrash: figures');
for (const f of all) {
  const avg = (xs: number[]) => (xs.length ? secs(xs.reduce((a, b) => a + b, 0) / xs.length) : '-');
  console.log(
    `  ${f.engine}: ${f.acknowledged}/${f.submitted} acknowledged (${f.replayed} only by a retry: stored, answer lost to a kill or a client timeout), ${f.kills} kills, back up after ${avg(f.recoveries)} on average ` +
      `(max ${secs(Math.max(...f.recoveries))}), first acknowledgement after a kill ${avg(f.firstAckAfterKill)}; sweep kill: ${f.sweepKill}`,
  );
}
const failed = results.filter((r) => !r.ok).length;
const passed = results.length - failed;
console.log(
  `\n      Tests  ${failed ? `${failed} failed | ` : ''}${passed} passed (${results.length})\n   Duration  ${secs(performance.now() - t0)}`,
);
process.exit(failed ? 1 : 0);
