/**
 * Every route of the route matrix, fuzzed while signed in (each role, and no session) with a valid
 * Origin: ≥ 5,000 seeded requests mutating path segments, query strings, bodies and methods. No
 * answer may be a 5xx, every 4xx carries `{error:{code,message}}`, and nothing is half-written (the
 * audit chain verifies, no complaint lacks its events, no letter or spot check without its case).
 * The request line itself (methods, percent-encoding) is checked by `requestProblem`, as the server
 * hook does before Next.js. FUZZ_SEED / FUZZ_REQUESTS change the run.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/db/client';
import { queryRow } from '@/db/sql';
import { createTestDb } from '@/db/testing/test-db';
import { sealAuditChain } from '@/lib/audit/seal-audit-chain.server';
import { verifyAuditChain } from '@/lib/audit/verify-audit-chain.server';
import { ROUTE_MATRIX } from '@/lib/auth/route-matrix';
import { cookieJar, openTestSession } from '@/lib/auth/testing/session-cookies';
import type { AuthUser } from '@/lib/auth/types';
import { buildWorkflowWorld, insertCase, type WorkflowWorld, XIQU } from '@/lib/workflow/testing/fixture';
import { trustPeerHeader } from './client-address';
import { publicOrigin } from './public-origin';
import { requestProblem } from './request-guard.mjs';

trustPeerHeader();

vi.hoisted(() => {
  process.env.SUQIU_STORAGE_DIR = `${process.env.TMPDIR ?? '/tmp'}/suqiu-fuzz-all-${process.pid}-${Date.now()}`;
  for (const name of [
    'SUQIU_RATE_SUBMIT_PER_ADDRESS',
    'SUQIU_RATE_SUBMIT_PER_PHONE',
    'SUQIU_RATE_TRACK_PER_ADDRESS',
    'SUQIU_RATE_UPLOAD_PER_ADDRESS',
    'SUQIU_RATE_LOGIN_PER_ADDRESS',
    'SUQIU_RATE_SEARCH_PER_ADDRESS',
    'SUQIU_RATE_SUGGEST_PER_ADDRESS',
    'SUQIU_RATE_OPEN311_PER_ADDRESS',
  ]) {
    process.env[name] = '1000000';
  }
  // No PDF engine: a report's PDF answers 503 by design (a missing dependency), not what this tests.
  process.env.SUQIU_CHROMIUM_PATH = '/nonexistent/chromium';
});

vi.mock('server-only', () => ({}));
vi.mock('next/server', async (original) => ({
  ...(await original<typeof import('next/server')>()),
  connection: async () => {},
}));
vi.mock('next/headers', async () =>
  (await import('@/lib/auth/testing/session-cookies')).nextHeadersFromJar(),
);
vi.mock('next-intl/server', () => ({
  getTranslations: async () => (key: string) => key,
  getLocale: async () => 'zh-CN',
}));

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_206);
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 5_000);
const ROOT = path.resolve(import.meta.dirname, '../..');
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
type Method = (typeof METHODS)[number];
type Handler = (request: Request, context: { params: Promise<Record<string, unknown>> }) => Promise<Response>;
type Who = 'grid' | 'handler' | 'inspector' | 'leader' | 'admin' | null;
const WHO: Who[] = ['grid', 'handler', 'inspector', 'leader', 'admin', null];

/** mulberry32: a small seeded generator, so a failure is reproduced by its seed. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  return { next, pick, int: (n: number) => Math.floor(next() * n) };
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

const ROUTES = ['app/api', 'app/open311']
  .flatMap((d) => walk(path.join(ROOT, d)))
  .filter((f) => /[/\\]route\.ts$/.test(f))
  .map((f) => ({
    file: f,
    key: `/${path.relative(path.join(ROOT, 'app'), path.dirname(f)).split(path.sep).join('/')}`,
  }))
  .sort((a, b) => a.key.localeCompare(b.key));

let handle: DbHandle;
let world: WorkflowWorld;
const modules = new Map<string, Partial<Record<Method, Handler>>>();
const tokens = new Map<Exclude<Who, null>, string>();
const realIds: string[] = [];

const userOf = (who: Exclude<Who, null>): AuthUser => world.users[who];

async function openSessions() {
  for (const who of WHO)
    if (who) tokens.set(who, await openTestSession(handle.db, userOf(who).id, new Date()));
}

beforeAll(async () => {
  handle = await createTestDb();
  world = await buildWorkflowWorld(handle.db);
  (globalThis as { __suqiuDb?: Promise<DbHandle> }).__suqiuDb = Promise.resolve(handle);
  const db = handle.db;
  const cases = [
    await insertCase(db, { status: 'accepted', officeId: world.offices.health }),
    await insertCase(db, { status: 'in_progress', officeId: world.offices.health }),
    await insertCase(db, { status: 'resolved', officeId: world.offices.health }),
    await insertCase(db, { status: 'received' }),
    await insertCase(db, { status: 'accepted', officeId: world.offices.water }),
  ];
  for (const id of cases) {
    await db.execute(sql`insert into complaint_events (complaint_id, type, to_status, public)
        values (${id}, 'submitted', 'received', true)`);
  }
  const grid = await queryRow<{ id: number }>(db, sql`select id from grids order by id limit 1`);
  const building = await queryRow<{ id: number }>(db, sql`select id from buildings order by id limit 1`);
  const clue = await queryRow<{ id: number }>(
    db,
    sql`insert into clues (code, kind, title, summary, division_code)
        values ('XS-F-1', 'facility_pattern', '线索', '摘要', ${XIQU}) returning id`,
  );
  const letter = await queryRow<{ id: number }>(
    db,
    sql`insert into supervision_letters (code, complaint_id, office_id, issuing_office_id, reason, due_at)
        values ('DB-F-1', ${cases[0]}, ${world.offices.health}, ${world.offices.health}, '逾期', now() + interval '3 days')
        returning id`,
  );
  const spot = await queryRow<{ id: number }>(
    db,
    sql`insert into spot_checks (complaint_id, office_id) values (${cases[2]}, ${world.offices.health}) returning id`,
  );
  realIds.push(
    ...cases.map(String),
    String(grid!.id),
    String(building!.id),
    String(clue!.id),
    String(letter!.id),
    String(spot!.id),
    String(world.offices.health),
    String(world.users.handler.id),
    '2026-05-01',
  );
  await openSessions();
  for (const { key, file } of ROUTES) modules.set(key, (await import(file)) as never);
}, 180_000);

afterAll(async () => {
  await handle?.close();
});

const NASTY = [
  '',
  '0',
  '-1',
  '1.5',
  '1e308',
  '9'.repeat(40),
  'abc',
  '西区',
  '../../etc/passwd',
  ' 1',
  "1' or '1'='1",
  '<script>alert(1)</script>',
  'a\u0000b',
  '\ud800',
  '😀',
  'x'.repeat(5000),
  'null',
  'true',
  '[]',
  '{}',
  'NaN',
  'ZZZZ2222',
  '101.5,26.5,101.6,26.6',
  '2026-13-45',
  '2026-03-01T00:00:00Z',
];
const QUERY_KEYS = [
  'bbox',
  'zoom',
  'z',
  'division',
  'area',
  'from',
  'to',
  'months',
  'level',
  'q',
  'list',
  'page',
  'page_size',
  'indicator',
  'table',
  'status',
  'category',
  'cat',
  'office',
  'grid',
  'lng',
  'lat',
  'radius',
  'limit',
  'sort',
  'year',
  'month',
  'kind',
  'exp',
  'sig',
  'service_code',
  'start_date',
  'end_date',
  'api_key',
  'weights',
  'id',
];
const BODY_KEYS = [
  'verb',
  'expectedStatus',
  'input',
  'reason',
  'note',
  'level',
  'username',
  'password',
  'method',
  'outcome',
  'officeId',
  'complaintId',
  'categoryCode',
  'title',
  'description',
  'location',
  'weights',
  'response',
  'findingId',
  'action',
  'role',
  'displayName',
  'name',
  'code',
  'month',
  'scope',
  'divisionCode',
  'active',
  'keywords',
  'priority',
  'days',
  'hours',
  'kind',
  'trackingCode',
  'phoneLast4',
  'mergedIntoId',
  'day',
];

function value(r: ReturnType<typeof rng>, depth = 0): unknown {
  switch (r.int(depth > 2 ? 6 : 9)) {
    case 0:
      return r.pick(NASTY);
    case 1:
      return r.pick(realIds);
    case 2:
      return Number(r.pick(realIds));
    case 3:
      return r.pick([0, -1, 1e308, 2 ** 53 + 1, 1.5, Number.MAX_SAFE_INTEGER]);
    case 4:
      return r.pick([true, false, null]);
    case 5:
      return r.pick([
        'escalate',
        'merge',
        'accept',
        'resolve',
        'phone',
        'in_progress',
        'accepted',
        'satisfied',
      ]);
    case 6:
      return Array.from({ length: r.int(4) }, () => value(r, depth + 1));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = r.int(5); i > 0; i--) o[r.pick(BODY_KEYS)] = value(r, depth + 1);
      return o;
    }
  }
}

function body(r: ReturnType<typeof rng>): { text?: string; type?: string } {
  switch (r.int(10)) {
    case 0:
      return {};
    case 1:
      return { text: '', type: 'application/json' };
    case 2:
      return {
        text: r.pick(['{', '{"a":', 'nul', '[1,,2]', '\u0000', '{"a":"\\ud800"}']),
        type: 'application/json',
      };
    case 3:
      return { text: `{"a":"${'x'.repeat(70_000)}"}`, type: 'application/json' };
    case 4:
      return {
        text: JSON.stringify(value(r)),
        type: r.pick(['text/plain', 'application/x-www-form-urlencoded']),
      };
    default:
      return { text: JSON.stringify(value(r)), type: 'application/json' };
  }
}

function query(r: ReturnType<typeof rng>): string {
  const parts: string[] = [];
  for (let i = r.int(5); i > 0; i--) {
    const v = r.next() < 0.5 ? r.pick(NASTY) : r.pick(realIds);
    parts.push(`${encodeURIComponent(r.pick(QUERY_KEYS))}=${isSafe(v) ? encodeURIComponent(v) : '%ff'}`);
  }
  return parts.join('&');
}

function isSafe(s: string): boolean {
  try {
    encodeURIComponent(s);
    return true;
  } catch {
    return false;
  }
}

describe('every route of the matrix, fuzzed while signed in', () => {
  it('covers every route file on disk', () => {
    expect(ROUTES.length).toBeGreaterThan(60);
    for (const { key } of ROUTES) expect(ROUTE_MATRIX[key], key).toBeDefined();
  });

  it(`answers ${REQUESTS} seeded malformed requests without a 5xx, always with an error code`, async () => {
    const r = rng(SEED);
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    const routes = ROUTES.flatMap(({ key }) =>
      METHODS.filter((m) => modules.get(key)?.[m]).map((m) => ({ key, method: m })),
    );
    for (let i = 0; i < REQUESTS; i++) {
      // Every route and method in turn, then at random.
      const { key, method } = i < routes.length * 3 ? routes[i % routes.length]! : r.pick(routes);
      const params: Record<string, string | string[]> = {};
      const pathname = key.replace(/\[\.\.\.(\w+)\]|\[(\w+)\]/g, (_m, rest: string, one: string) => {
        if (rest) {
          const segs = Array.from({ length: 1 + r.int(3) }, () =>
            r.next() < 0.6
              ? r.pick(['requests', 'services', 'discovery', ...realIds]) + r.pick(['.json', '.xml', ''])
              : r.pick(NASTY),
          );
          params[rest] = segs;
          return segs.map((s) => (isSafe(s) ? encodeURIComponent(s) : 'x')).join('/');
        }
        const v = r.next() < 0.5 ? r.pick(realIds) : r.pick(NASTY);
        params[one] = v;
        return isSafe(v) ? encodeURIComponent(v) : 'x';
      });
      const who = r.pick(WHO);
      cookieJar.cookie = who ? `suqiu_session=${tokens.get(who)}` : '';
      const b = method === 'GET' ? {} : method === 'DELETE' && r.next() < 0.8 ? {} : body(r);
      const q = r.next() < 0.7 ? query(r) : '';
      const headers: Record<string, string> = {
        origin: publicOrigin(),
        'sec-fetch-site': 'same-origin',
        'x-suqiu-peer': `10.${r.int(250)}.${r.int(250)}.${r.int(250)}`,
        ...(cookieJar.cookie ? { cookie: cookieJar.cookie } : {}),
        ...(b.type ? { 'content-type': b.type } : {}),
      };
      const label = `#${i} ${method} ${pathname}${q ? `?${q.slice(0, 60)}` : ''} as ${who ?? 'nobody'} body ${(b.text ?? '').slice(0, 60)}`;
      let res: Response;
      try {
        res = await modules.get(key)![method]!(
          new Request(`http://localhost${pathname}${q ? `?${q}` : ''}`, {
            method,
            headers,
            ...(b.text !== undefined ? { body: b.text } : {}),
          }),
          { params: Promise.resolve(params) },
        );
      } catch (error) {
        failures.push(`${label}: threw ${(error as Error).message}`);
        continue;
      }
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status >= 500) failures.push(`${label}: ${res.status} ${(await res.text()).slice(0, 200)}`);
      else if (res.status >= 400 && res.status !== 405) {
        const text = await res.text();
        const json = res.headers.get('content-type')?.includes('json');
        if (json && !key.startsWith('/open311') && !/"error":\{"code":"[A-Z_]+"/.test(text)) {
          failures.push(`${label}: ${res.status} without an error code: ${text.slice(0, 120)}`);
        }
      } else await res.body?.cancel();
      // Signing out (or an admin locking a user) ends sessions: open fresh ones now and then.
      if (key === '/api/auth/logout' || key.startsWith('/api/admin/users') || i % 250 === 0)
        await openSessions();
    }
    console.log(
      `fuzz-all-routes: ${REQUESTS} requests over ${routes.length} route methods, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`,
    );
    expect(failures.slice(0, 20)).toEqual([]);
  }, 600_000);

  it('refuses unsupported methods and malformed request lines before any route (the server hook)', () => {
    const r = rng(SEED + 1);
    for (let i = 0; i < 500; i++) {
      const method = r.pick(['TRACE', 'TRACK', 'CONNECT', 'PROPFIND', 'MKCOL', 'FOO', 'get ']);
      expect(requestProblem(method, r.pick(ROUTES).key)?.status).toBe(405);
      const raw = r.pick(['%ff', '%zz', '%00', '%ed%a0%80', '%e4%b8', '%']);
      expect(requestProblem('GET', `${r.pick(ROUTES).key}/${raw}`)?.status).toBe(400);
      expect(requestProblem('GET', `/api/map/points?q=a${raw}b`)?.status).toBe(400);
    }
  });

  it('left nothing half-written', async () => {
    await sealAuditChain(handle.db);
    expect(await verifyAuditChain(handle.db)).toMatchObject({ ok: true });
    const orphans = await queryRow<{ n: number }>(
      handle.db,
      sql`select
          (select count(*) from complaints c where not exists (select 1 from complaint_events e where e.complaint_id = c.id))
        + (select count(*) from supervision_letters l where not exists (select 1 from complaints c where c.id = l.complaint_id))
        + (select count(*) from spot_checks s where not exists (select 1 from complaints c where c.id = s.complaint_id))
        as n`,
    );
    expect(Number(orphans!.n)).toBe(0);
  });
});
