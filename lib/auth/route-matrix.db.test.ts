/**
 * The authorization matrix, proven: every route file under app/api and app/open311 (found on disk)
 * and every exported method must be declared in `route-matrix.ts`; each is then called as a route
 * handler with every role (bound to real fixture jurisdictions) and with no session, and the answer
 * is checked against the declaration: 401 without a session, 403 (code FORBIDDEN) for a role whose
 * ACTIONS entry lacks the action, success or a validation 4xx otherwise. Object-level checks: ids of
 * objects outside the caller's jurisdiction answer 404 and never the object.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/db/client';
import { queryRow } from '@/db/sql';
import { createTestDb } from '@/db/testing/test-db';
import { cookieJar, openTestSession } from '@/lib/auth/testing/session-cookies';
import { trustPeerHeader } from '@/lib/http/client-address';
import { INDICATOR_IDS } from '@/lib/stats/definitions';
import {
  buildWorkflowWorld,
  insertCase,
  type WorkflowWorld,
  XIQU,
  XIQU_TOWN,
} from '@/lib/workflow/testing/fixture';
import { ACTIONS, type Action } from './policy';
import {
  type HttpMethod,
  ROUTE_MATRIX,
  type RouteAccess,
  SERVER_ACTION_MATRIX,
  usesSessionCookie,
} from './route-matrix';
import { SESSION_COOKIE } from './session';
import type { AuthUser, Role } from './types';

// The app's server writes the socket's address into x-suqiu-peer (scripts/peer-address.mjs); so do these requests.
trustPeerHeader();

vi.hoisted(() => {
  process.env.SUQIU_RATE_SUBMIT_PER_ADDRESS = '100000';
  process.env.SUQIU_RATE_SUBMIT_PER_PHONE = '100000';
  process.env.SUQIU_RATE_TRACK_PER_ADDRESS = '100000';
  process.env.SUQIU_RATE_UPLOAD_PER_ADDRESS = '100000';
  process.env.SUQIU_RATE_LOGIN_PER_ADDRESS = '100000';
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

const ROOT = path.resolve(import.meta.dirname, '../..');
const METHODS: HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const ROLES: Role[] = ['grid_worker', 'handler', 'inspector', 'leader', 'admin'];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

/** Route files on disk → their matrix key ('/api/cases/[id]/transitions'). */
const ROUTE_FILES = ['app/api', 'app/open311']
  .flatMap((d) => walk(path.join(ROOT, d)))
  .filter((f) => /[/\\]route\.(ts|tsx|js)$/.test(f))
  .map((f) => ({
    file: f,
    key: `/${path.relative(path.join(ROOT, 'app'), path.dirname(f)).split(path.sep).join('/')}`,
  }))
  .sort((a, b) => a.key.localeCompare(b.key));

type Handler = (request: Request, context: { params: Promise<Record<string, unknown>> }) => Promise<Response>;

const modules = new Map<string, Partial<Record<HttpMethod, Handler>>>();

let handle: DbHandle;
let world: WorkflowWorld;
/** Objects inside 西区 (every fixture user's jurisdiction) and outside it. */
const ids = {
  caseIn: 0,
  caseEscalate: 0,
  caseOtherOffice: 0,
  buildingIn: 0,
  buildingOther: 0,
  facilityIn: 0,
  facilityOther: 0,
  gridIn: 0,
  gridOther: 0,
  clueIn: 0,
  clueOther: 0,
  letterIn: 0,
  letterOther: 0,
  spotCheckIn: 0,
  spotCheckOther: 0,
};
const tokens = new Map<Role | 'otherHandler' | 'otherInspector', string>();
const userOf = (role: Role): AuthUser =>
  ({
    grid_worker: world.users.grid,
    handler: world.users.handler,
    inspector: world.users.inspector,
    leader: world.users.leader,
    admin: world.users.admin,
  })[role];

async function id(query: ReturnType<typeof sql>): Promise<number> {
  const row = await queryRow<{ id: number }>(handle.db, query);
  if (!row) throw new Error('fixture query returned nothing');
  return Number(row.id);
}

beforeAll(async () => {
  handle = await createTestDb();
  world = await buildWorkflowWorld(handle.db);
  (globalThis as { __suqiuDb?: Promise<DbHandle> }).__suqiuDb = Promise.resolve(handle);
  const db = handle.db;
  ids.caseIn = await insertCase(db, { status: 'accepted', officeId: world.offices.health });
  // Reported by the grid worker, with a contact: every role holding complaint.readContact is
  // entitled to unmask it (the open case's office, the county's 纪委, the reporting grid worker).
  await db.execute(
    sql`update complaints set reported_by_user_id = ${world.users.grid.id} where id = ${ids.caseIn}`,
  );
  await db.execute(
    sql`insert into complaint_contacts (complaint_id, name, phone, phone_last4)
        values (${ids.caseIn}, '王先生', '13800001234', '1234')`,
  );
  ids.caseEscalate = await insertCase(db, { status: 'in_progress', officeId: world.offices.health });
  ids.caseOtherOffice = await insertCase(db, { status: 'accepted', officeId: world.offices.water });
  ids.gridIn = (world.users.grid.jurisdiction as { gridId: number }).gridId;
  ids.gridOther = await id(sql`select id from grids where id <> ${ids.gridIn} order by id limit 1`);
  ids.buildingIn = await id(sql`select id from buildings where grid_id = ${ids.gridIn} order by id limit 1`);
  ids.buildingOther = await id(
    sql`select b.id from buildings b join grids g on g.id = b.grid_id
        where g.village_code not like '510403%' order by b.id limit 1`,
  );
  // A facility inside the grid worker's grid (so inside 西区) and one in another county.
  ids.facilityIn = await id(
    sql`insert into facilities (code, kind, name, division_code, location, supervising_office_id)
        select 'T-FAC-IN', 'kindergarten', '测试幼儿园', g.village_code, ST_PointOnSurface(g.boundary), ${world.offices.health}
        from grids g where g.id = ${ids.gridIn} returning id`,
  );
  ids.facilityOther = await id(
    sql`insert into facilities (code, kind, name, division_code, location, supervising_office_id)
        select 'T-FAC-OUT', 'kindergarten', '外县幼儿园', g.village_code, ST_PointOnSurface(g.boundary), ${world.offices.health}
        from grids g where g.village_code not like '510403%' order by g.id limit 1 returning id`,
  );
  const otherCounty = await id(
    sql`select min(code)::bigint as id from divisions where level = 'county' and code <> ${XIQU}`,
  );
  ids.clueIn = await id(
    sql`insert into clues (code, kind, title, summary, division_code)
        values ('XS-T-1', 'facility_pattern', '线索', '摘要', ${XIQU}) returning id`,
  );
  ids.clueOther = await id(
    sql`insert into clues (code, kind, title, summary, division_code)
        values ('XS-T-2', 'facility_pattern', '线索', '摘要', ${String(otherCounty)}) returning id`,
  );
  const letter = (code: string, officeId: number) =>
    id(sql`insert into supervision_letters (code, complaint_id, office_id, issuing_office_id, reason, due_at)
        values (${code}, ${ids.caseIn}, ${officeId}, ${officeId}, '逾期', now() + interval '3 days') returning id`);
  ids.letterIn = await letter('DB-T-1', world.offices.health);
  ids.letterOther = await letter('DB-T-2', world.offices.dongquHealth);
  const resolvedIn = await insertCase(db, { status: 'resolved', officeId: world.offices.health });
  ids.spotCheckIn = await id(
    sql`insert into spot_checks (complaint_id, office_id) values (${resolvedIn}, ${world.offices.health}) returning id`,
  );
  const dongquCase = await insertCase(db, {
    status: 'resolved',
    officeId: world.offices.dongquHealth,
    villageCode: (await queryRow<{ code: string }>(
      db,
      sql`select code from divisions where level = 'village' and code like '510402%' order by code limit 1`,
    ))!.code,
  });
  ids.spotCheckOther = await id(
    sql`insert into spot_checks (complaint_id, office_id) values (${dongquCase}, ${world.offices.dongquHealth}) returning id`,
  );
  await openSessions();
  for (const { key, file } of ROUTE_FILES) modules.set(key, (await import(file)) as never);
}, 120_000);

/** A fresh session for every role (logout deletes the caller's). */
async function openSessions() {
  const db = handle.db;
  const now = new Date();
  const session = async (key: Role | 'otherHandler' | 'otherInspector', user: AuthUser) => {
    tokens.set(key, await openTestSession(db, user.id, now));
  };
  for (const role of ROLES) await session(role, userOf(role));
  await session('otherHandler', world.users.otherHandler);
  await session('otherInspector', world.users.otherInspector);
}

afterAll(async () => {
  await handle?.close();
});

/** One valid request per route and method: the path parameters, query and body it needs. */
interface Probe {
  params?: Record<string, string | string[]>;
  query?: string;
  body?: unknown;
  /** The action this request exercises (one of the matrix entry's actions; default its first). */
  exercises?: Action;
  /** Statuses that count as "allowed" for roles holding the action (default 2xx, 400, 409). */
  allowed?: number[];
}

const BBOX = 'bbox=101.4,26.4,101.9,26.8';
const probes = (): Record<string, Partial<Record<HttpMethod, Probe>>> => ({
  '/api/export/complaints.xlsx': { GET: { query: 'list=all' } },
  '/api/complaints/[id]/contact': { POST: { params: { id: String(ids.caseIn) } } },
  '/api/stats/areas': { GET: { query: `parent=${XIQU}` } },
  '/api/stats/assessment': { GET: { query: `area=${XIQU}` } },
  '/api/stats/assessment/weights': { GET: {}, PUT: { body: {} } },
  '/api/stats/categories': { GET: { query: `area=${XIQU}` } },
  '/api/stats/complaints': { GET: { query: `area=${XIQU}&indicator=${INDICATOR_IDS[0]}` } },
  '/api/stats/indicators': { GET: { query: `area=${XIQU}` } },
  '/api/stats/offices': { GET: { query: `area=${XIQU}` } },
  '/api/stats/trend': { GET: { query: `area=${XIQU}` } },
  '/api/export/stats.xlsx': { GET: { query: 'table=indicators&from=2026-01-01&to=2026-01-31' } },
  '/api/reports': { GET: {}, POST: { body: { areaCode: XIQU, month: '2026-01' } } },
  '/api/reports/[id]/pdf': { GET: { params: { id: '999999' }, allowed: [404] } },
  '/api/admin/calendar-days': { POST: { body: { day: '2030-05-06', isWorkday: false, name: '探测假日' } } },
  '/api/admin/calendar-days/[day]': { DELETE: { params: { day: '2030-05-07' }, allowed: [404] } },
  '/api/admin/calendar-import': {
    POST: { body: { year: 2031, csv: 'day,is_workday,name\n2031-01-01,0,元旦\n' } },
  },
  '/api/admin/deadline-policies': {
    POST: {
      body: {
        categoryCode: 'HB01',
        dispatchHours: 24,
        firstReplyDays: 5,
        resolveDays: 15,
        workingDays: true,
      },
    },
  },
  '/api/admin/deadline-policies/[id]': {
    PATCH: {
      params: { id: '999999' },
      body: { dispatchHours: 24, firstReplyDays: 5, resolveDays: 15 },
      allowed: [404],
    },
    DELETE: { params: { id: '999999' }, allowed: [404] },
  },
  '/api/admin/offices': {
    POST: {
      body: {
        code: 'PROBE-OFFICE',
        name: '探测单位',
        kind: 'department',
        tier: 'county',
        divisionCode: XIQU,
        categoryCodes: ['WJ'],
      },
    },
  },
  '/api/admin/offices/[id]': { PATCH: { params: { id: String(world.offices.water) }, body: {} } },
  '/api/admin/offices/[id]/active': {
    POST: { params: { id: String(world.offices.water) }, body: { active: true } },
  },
  '/api/admin/routing-probe': { POST: { body: { lng: 101.6, lat: 26.5, categoryCode: 'WJ01' } } },
  '/api/admin/routing-rules': {
    POST: { body: { categoryCode: 'HB01', tier: 'county', coOfficeIds: [], priority: 0 } },
  },
  '/api/admin/routing-rules/[id]': {
    PATCH: { params: { id: '999999' }, body: { categoryCode: 'HB01', tier: 'county' }, allowed: [404] },
    DELETE: { params: { id: '999999' }, allowed: [404] },
  },
  '/api/admin/triage-rules': {
    POST: { body: { id: 'probe-rule', name: '探测', keywords: ['探测词'], urgencyCode: 'urgent' } },
  },
  '/api/admin/triage-rules/[id]': {
    PATCH: {
      params: { id: 'no-such-rule' },
      body: { name: '探测', keywords: ['探测词'], urgencyCode: 'urgent' },
      allowed: [404],
    },
  },
  '/api/admin/users': {
    POST: {
      body: {
        username: 'probe.user',
        displayName: '探测',
        role: 'leader',
        divisionCode: XIQU,
        password: 'Probe-Pass-2026',
      },
    },
  },
  '/api/admin/users/[id]': { PATCH: { params: { id: '999999' }, body: {} } },
  '/api/admin/users/[id]/lock': {
    POST: { params: { id: '999999' }, body: { locked: false }, allowed: [404] },
  },
  '/api/admin/users/[id]/password': { POST: { params: { id: '999999' }, allowed: [404] } },
  '/api/admin/triage-models/[id]/activate': { POST: { params: { id: '999999' }, body: {}, allowed: [404] } },
  '/api/alerts': { GET: { query: 'state=all' } },
  '/api/alerts/run': { POST: {} },
  '/api/alerts/subscriptions': { GET: {}, POST: { body: { areaCode: XIQU, categoryCode: 'SL' } } },
  '/api/alerts/subscriptions/[id]': { DELETE: { params: { id: '999999' }, allowed: [404] } },
  '/api/topics': { GET: {}, POST: { body: { areaCode: '510403001000', categoryCode: 'SL' } } },
  '/api/topics/[id]': { GET: { params: { id: '999999' }, allowed: [404] } },
  '/api/analytics/cell-complaints': { GET: { query: `division=${XIQU}&cellSize=1000&i=0&j=0` } },
  '/api/analytics/clusters': { GET: { query: `division=${XIQU}` } },
  '/api/analytics/emerging': { GET: { query: `division=${XIQU}&months=4` } },
  '/api/analytics/hotspots': { GET: { query: `division=${XIQU}` } },
  '/api/auth/login': { POST: { body: { username: 'nobody', password: 'wrong-password' } } },
  '/api/auth/logout': { POST: {} },
  '/api/auth/me': { GET: {} },
  '/api/cases/[id]/transitions': {
    POST: {
      params: { id: String(ids.caseEscalate) },
      body: { verb: 'escalate', expectedStatus: 'in_progress', input: { reason: '需要上级协调处理此事' } },
      exercises: 'complaint.escalate',
    },
  },
  '/api/cases/[id]/visits': {
    POST: { params: { id: String(ids.caseIn) }, body: { method: 'phone', outcome: '已回访，群众满意' } },
  },
  '/api/cases/[id]/links': {
    POST: {
      params: { id: String(ids.caseIn) },
      body: { target: 'facility', action: 'clear', note: '非设施问题' },
    },
  },
  '/api/clues': {
    GET: {},
    POST: {
      body: { findingKey: 'no-such-finding', from: '2025-03-01', to: '2026-03-01', division: XIQU },
      allowed: [404],
    },
  },
  '/api/clues/settings': {
    GET: {},
    PUT: {
      body: {
        windowMonths: 12,
        q: 0.05,
        minFacilities: 2,
        minPerFacility: 1,
        minComplaints: 5,
        minRatio: 1.25,
        sparseBelow: 20,
      },
    },
  },
  '/api/clues/[id]': { GET: { params: { id: String(ids.clueIn) } } },
  '/api/clues/[id]/transition': {
    POST: { params: { id: String(ids.clueIn) }, body: { to: 'verifying', note: '开始初核' } },
  },
  '/api/clues/findings': { GET: { query: `division=${XIQU}` } },
  '/api/complaints/[id]': { GET: { params: { id: String(ids.caseIn) } } },
  '/api/complaints/[id]/attachments': { GET: { params: { id: String(ids.caseIn) } } },
  '/api/grids/[id]/persons': { GET: { params: { id: String(ids.gridIn) } } },
  '/api/health': { GET: {} },
  '/api/map/area': { GET: { query: 'lng=101.6&lat=26.6&level=county' } },
  '/api/map/areas': { GET: { query: 'level=county' } },
  '/api/map/building-search': { GET: { query: 'q=号楼' } },
  '/api/map/buildings': { GET: { query: BBOX } },
  '/api/map/buildings/[id]': { GET: { params: { id: String(ids.buildingIn) } } },
  '/api/map/buildings/[id]/visits': {
    POST: { params: { id: String(ids.buildingIn) }, body: { method: 'in_person', outcome: '走访' } },
  },
  '/api/map/cells': { GET: { query: `${BBOX}&zoom=12` } },
  '/api/map/complaints': { GET: { query: BBOX } },
  '/api/map/facilities': { GET: { query: BBOX } },
  '/api/map/facilities/[id]': { GET: { params: { id: String(ids.facilityIn) } } },
  '/api/map/grids': { GET: { query: BBOX } },
  '/api/map/hexagons': { GET: { query: `${BBOX}&zoom=11` } },
  '/api/map/points': { GET: { query: BBOX } },
  '/api/map/selection': { GET: { query: 'sel=101.4,26.4;101.9,26.4;101.9,26.8;101.4,26.8' } },
  '/api/map/tiles/[z]/[x]/[y]': { GET: { params: { z: '10', x: '800', y: '433.mvt' } } },
  '/api/supervision/buck-passing': { GET: { query: 'days=365' } },
  '/api/stats/per-capita': { GET: { query: `area=${XIQU}` } },
  '/api/routing/amendments': {
    GET: {},
    POST: {
      body: {
        categoryCode: 'SD',
        divisionCode: XIQU_TOWN,
        officeId: 1,
        rules: [{ categoryCode: 'SD01', tier: 'town' }],
      },
    },
  },
  '/api/supervision/letters': { POST: { body: { complaintId: ids.caseIn, note: '请尽快办理' } } },
  '/api/supervision/letters/[id]': {
    POST: { params: { id: String(ids.letterIn) }, body: { kind: 'acknowledge' } },
  },
  '/api/supervision/spot-checks': { POST: { body: { month: '2026-01', share: 0.1 } } },
  '/api/supervision/spot-checks/[id]': {
    POST: { params: { id: String(ids.spotCheckIn) }, body: { result: 'passed' } },
  },
  '/api/sweep': { POST: {} },
  '/api/v1/attachments/[id]': {
    GET: { params: { id: '00000000-0000-4000-8000-000000000000' }, query: 'exp=1&sig=x' },
  },
  '/api/v1/buildings/search': { GET: { query: 'q=%E6%94%80%E5%A4%A7' } },
  '/api/v1/places/at': { GET: { query: 'lng=101.7186&lat=26.5823' } },
  '/api/v1/categories': { GET: {} },
  '/api/v1/categories/suggest': {
    GET: { query: 'text=%E8%B7%AF%E7%81%AF%E5%9D%8F%E4%BA%86' },
    POST: { body: { text: '路灯坏了' } },
  },
  '/api/v1/complaints': { POST: { body: { description: '太短' } } },
  '/api/v1/openapi.json': { GET: {} },
  '/api/v1/ratings': { POST: { body: { trackingCode: 'XXXXXXXX', phoneLast4: '0000', score: 5 } } },
  '/api/v1/reopen': { POST: { body: { trackingCode: 'XXXXXXXX', phoneLast4: '0000', reason: '没有解决' } } },
  '/api/v1/track': { POST: { body: { trackingCode: 'XXXXXXXX', phoneLast4: '0000' } } },
  '/api/v1/uploads': { POST: {} },
  '/open311/v2/[...path]': {
    GET: { params: { path: ['services.json'] } },
    POST: { params: { path: ['requests.json'] } },
  },
});

let ipSerial = 0;
async function call(
  key: string,
  method: HttpMethod,
  probe: Probe,
  who: Role | 'otherHandler' | 'otherInspector' | null,
  headers: Record<string, string> = { 'sec-fetch-site': 'same-origin' },
): Promise<Response> {
  const handler = modules.get(key)?.[method];
  if (!handler) throw new Error(`${method} ${key} not exported`);
  const params = probe.params ?? {};
  const pathname = key.replace(/\[\.\.\.(\w+)\]|\[(\w+)\]/g, (_m, rest: string, one: string) => {
    const v = params[rest ?? one];
    return Array.isArray(v) ? v.join('/') : String(v);
  });
  const token = who ? tokens.get(who) : undefined;
  cookieJar.cookie = token ? `${SESSION_COOKIE}=${token}` : '';
  const init: RequestInit = {
    method,
    headers: {
      ...(cookieJar.cookie ? { cookie: cookieJar.cookie } : {}),
      'x-suqiu-peer': `10.9.${Math.floor(++ipSerial / 250)}.${ipSerial % 250}`,
      ...(probe.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(probe.body !== undefined ? { body: JSON.stringify(loginProbeBody(key, probe.body)) } : {}),
  };
  return handler(new Request(`http://localhost${pathname}${probe.query ? `?${probe.query}` : ''}`, init), {
    params: Promise.resolve(params),
  });
}

/** An unknown name locks after 5 failures like a real account: each login probe uses a fresh one. */
let loginSerial = 0;
function loginProbeBody(key: string, body: unknown): unknown {
  if (key !== '/api/auth/login' || typeof body !== 'object' || body === null) return body;
  const b = body as { username?: string };
  return b.username === 'nobody' ? { ...b, username: `nobody.${++loginSerial}` } : body;
}

describe('the declared matrix covers the code', () => {
  it('every route file and exported method is declared, and nothing declared is missing on disk', () => {
    expect(ROUTE_FILES.length).toBeGreaterThan(30);
    const onDisk = new Map<string, HttpMethod[]>();
    for (const { key } of ROUTE_FILES) {
      const mod = modules.get(key)!;
      onDisk.set(
        key,
        METHODS.filter((m) => typeof mod[m] === 'function'),
      );
    }
    const undeclared = [...onDisk].flatMap(([key, methods]) =>
      methods.filter((m) => !ROUTE_MATRIX[key]?.[m]).map((m) => `${m} ${key}`),
    );
    expect(undeclared, 'routes without a matrix entry').toEqual([]);
    const stale = Object.entries(ROUTE_MATRIX).flatMap(([key, methods]) =>
      Object.keys(methods)
        .filter((m) => !onDisk.get(key)?.includes(m as HttpMethod))
        .map((m) => `${m} ${key}`),
    );
    expect(stale, 'matrix entries without a route').toEqual([]);
  });

  it("every 'use server' file is declared in SERVER_ACTION_MATRIX", () => {
    const files = ['app', 'components', 'lib']
      .flatMap((d) => walk(path.join(ROOT, d)))
      .filter((f) => /\.(ts|tsx)$/.test(f))
      .filter((f) => /^\s*['"]use server['"]/m.test(readFileSync(f, 'utf8')))
      .map((f) => path.relative(ROOT, f).split(path.sep).join('/'));
    expect(files.filter((f) => !SERVER_ACTION_MATRIX[f])).toEqual([]);
  });

  it('names only actions that exist in the policy, and every route has a probe', () => {
    const p = probes();
    for (const [key, methods] of Object.entries(ROUTE_MATRIX)) {
      for (const [method, access] of Object.entries(methods) as [HttpMethod, RouteAccess][]) {
        if ('actions' in access) for (const a of access.actions) expect(ACTIONS).toHaveProperty(a);
        expect(p[key]?.[method], `probe for ${method} ${key}`).toBeDefined();
      }
    }
  });
});

describe('every route × every role against the matrix', () => {
  const cases = Object.entries(ROUTE_MATRIX).flatMap(([key, methods]) =>
    (Object.entries(methods) as [HttpMethod, RouteAccess][]).map(([method, access]) => ({
      name: `${method} ${key}`,
      key,
      method,
      access,
    })),
  );

  it.each(cases)('$name', async ({ key, method, access }) => {
    const probe = probes()[key]![method]!;
    const outcomes: Record<string, number> = {};
    const failures: string[] = [];
    for (const who of [null, ...ROLES] as const) {
      const res = await call(key, method, probe, who);
      const label = who ?? 'no session';
      outcomes[label] = res.status;
      expect(res.status, `${label}: 5xx`).toBeLessThan(500);
      const body = res.status >= 400 ? ((await res.json()) as { error?: { code?: string } }) : null;
      if ('public' in access) {
        // A session neither grants nor refuses anything here: every caller gets the same answer
        // (a signed link's bad signature is 403 for all; a wrong login password 401 for all).
        if (outcomes['no session'] !== res.status)
          failures.push(`${label}: ${res.status}, without a session ${outcomes['no session']}`);
        if (!['login', 'signed-link'].includes(access.public) && (res.status === 401 || res.status === 403))
          failures.push(`${label}: ${res.status} on a public route`);
        continue;
      }
      if (who === null) {
        if (res.status !== 401 || body?.error?.code !== 'UNAUTHENTICATED')
          failures.push(`${label}: expected 401 UNAUTHENTICATED, got ${res.status}`);
        continue;
      }
      // The probe's pinned action (a transition verb), else any of the route's actions.
      const actions = probe.exercises ? [probe.exercises] : 'actions' in access ? access.actions : [];
      if (probe.exercises) expect('actions' in access && access.actions).toContain(probe.exercises);
      const allowed =
        actions.length === 0 || actions.some((a) => (ACTIONS[a] as readonly Role[]).includes(who));
      if (!allowed) {
        if (res.status !== 403 || body?.error?.code !== 'FORBIDDEN')
          failures.push(`${label}: expected 403 FORBIDDEN, got ${res.status} ${body?.error?.code ?? ''}`);
      } else {
        const ok =
          (res.status >= 200 && res.status < 300) ||
          [400, 409, ...(probe.allowed ?? [])].includes(res.status);
        if (!ok)
          failures.push(
            `${label}: expected success or a validation 4xx, got ${res.status} ${body?.error?.code ?? ''}`,
          );
      }
    }
    if (key === '/api/auth/logout') await openSessions();
    expect(failures, JSON.stringify(outcomes)).toEqual([]);
  });
});

describe('object-level checks: out-of-jurisdiction ids answer 404, never the object', () => {
  const cases: [string, string, HttpMethod, Probe, Role | 'otherHandler' | 'otherInspector'][] = [];
  beforeAll(() => {
    cases.push(
      [
        'a handler of office A reads a complaint of office B',
        '/api/complaints/[id]',
        'GET',
        { params: { id: String(ids.caseOtherOffice) } },
        'handler',
      ],
      [
        'a handler of another county reads a complaint',
        '/api/complaints/[id]',
        'GET',
        { params: { id: String(ids.caseIn) } },
        'otherHandler',
      ],
      [
        'a handler of office A lists attachments of office B',
        '/api/complaints/[id]/attachments',
        'GET',
        { params: { id: String(ids.caseOtherOffice) } },
        'handler',
      ],
      [
        'a handler of office A escalates a case of office B',
        '/api/cases/[id]/transitions',
        'POST',
        {
          params: { id: String(ids.caseOtherOffice) },
          body: { verb: 'escalate', expectedStatus: 'accepted', input: { reason: '需要上级协调处理此事' } },
        },
        'handler',
      ],
      [
        'an inspector of another county visits a case',
        '/api/cases/[id]/visits',
        'POST',
        { params: { id: String(ids.caseIn) }, body: { method: 'phone', outcome: '回访' } },
        'otherInspector',
      ],
      [
        "an inspector of another county corrects a case's link",
        '/api/cases/[id]/links',
        'POST',
        { params: { id: String(ids.caseIn) }, body: { target: 'building', action: 'clear' } },
        'otherInspector',
      ],
      [
        "an inspector reads another county's facility",
        '/api/map/facilities/[id]',
        'GET',
        { params: { id: String(ids.facilityOther) } },
        'inspector',
      ],
      [
        "a grid worker reads another grid's building",
        '/api/map/buildings/[id]',
        'GET',
        { params: { id: String(ids.buildingOther) } },
        'grid_worker',
      ],
      [
        "a grid worker visits another grid's building",
        '/api/map/buildings/[id]/visits',
        'POST',
        { params: { id: String(ids.buildingOther) }, body: { method: 'in_person', outcome: '走访' } },
        'grid_worker',
      ],
      [
        "a grid worker lists another grid's persons",
        '/api/grids/[id]/persons',
        'GET',
        { params: { id: String(ids.gridOther) } },
        'grid_worker',
      ],
      [
        'an inspector reads a clue of another county',
        '/api/clues/[id]',
        'GET',
        { params: { id: String(ids.clueOther) } },
        'inspector',
      ],
      [
        'an inspector moves a clue of another county',
        '/api/clues/[id]/transition',
        'POST',
        { params: { id: String(ids.clueOther) }, body: { to: 'verifying', note: '开始初核' } },
        'inspector',
      ],
      [
        'an inspector of another county writes a letter on a case',
        '/api/supervision/letters',
        'POST',
        { body: { complaintId: ids.caseIn } },
        'otherInspector',
      ],
      [
        "a handler answers another office's letter",
        '/api/supervision/letters/[id]',
        'POST',
        { params: { id: String(ids.letterOther) }, body: { kind: 'acknowledge' } },
        'handler',
      ],
      [
        "an inspector records another county's spot check",
        '/api/supervision/spot-checks/[id]',
        'POST',
        { params: { id: String(ids.spotCheckOther) }, body: { result: 'passed' } },
        'inspector',
      ],
    );
  });

  it('answers 404 NOT_FOUND for each', async () => {
    const wrong: string[] = [];
    for (const [name, key, method, probe, who] of cases) {
      const res = await call(key, method, probe, who);
      const body = (await res.json()) as { error?: { code: string } };
      if (res.status !== 404 || body.error?.code !== 'NOT_FOUND')
        wrong.push(`${name}: ${res.status} ${JSON.stringify(body).slice(0, 120)}`);
    }
    expect(wrong).toEqual([]);
    expect(cases.length).toBe(15);
  });

  it('the same ids inside the jurisdiction answer the object (the 404 is the scope, not a missing row)', async () => {
    const res = await call(
      '/api/complaints/[id]',
      'GET',
      { params: { id: String(ids.caseOtherOffice) } },
      'inspector',
    );
    expect(res.status).toBe(200);
    const b = await call(
      '/api/map/buildings/[id]',
      'GET',
      { params: { id: String(ids.buildingIn) } },
      'grid_worker',
    );
    expect(b.status).toBe(200);
    const g = await call(
      '/api/grids/[id]/persons',
      'GET',
      { params: { id: String(ids.gridIn) } },
      'grid_worker',
    );
    expect(g.status).toBe(200);
    const c = await call('/api/clues/[id]', 'GET', { params: { id: String(ids.clueIn) } }, 'inspector');
    expect(c.status).toBe(200);
    for (const role of ['grid_worker', 'inspector', 'leader'] as const) {
      const f = await call(
        '/api/map/facilities/[id]',
        'GET',
        { params: { id: String(ids.facilityIn) } },
        role,
      );
      expect(f.status, role).toBe(200);
    }
  });
});

describe('CSRF: every state-changing request that rides on the session cookie proves it is same-origin', () => {
  const mutating = Object.entries(ROUTE_MATRIX).flatMap(([key, methods]) =>
    (Object.entries(methods) as [HttpMethod, RouteAccess][])
      .filter(([method, access]) => method !== 'GET' && usesSessionCookie(access) && !('cookie' in access))
      .map(([method, access]) => ({ name: `${method} ${key}`, key, method, access })),
  );

  it('covers every cookie-authenticated mutation', () => {
    expect(mutating.length).toBeGreaterThanOrEqual(12);
  });

  it.each(mutating)(
    '$name: 403 FORBIDDEN cross-site, without Origin, and from a same-site page',
    async ({ key, method, access }) => {
      const probe = probes()[key]![method]!;
      // A caller holding the action, so that only the origin check can refuse.
      const who: Role =
        'actions' in access
          ? ROLES.find((r) =>
              (ACTIONS[probe.exercises ?? access.actions[0]!] as readonly Role[]).includes(r),
            )!
          : 'leader';
      for (const headers of [
        { origin: 'http://evil.example' },
        { origin: 'null' },
        { 'sec-fetch-site': 'cross-site', origin: 'http://evil.example' },
        { 'sec-fetch-site': 'same-site', origin: 'http://sub.localhost' },
        ...(key === '/api/auth/login' ? [] : [{}]),
      ] as Record<string, string>[]) {
        const res = await call(key, method, probe, who, headers);
        const body = (await res.json()) as { error?: { code: string } };
        expect(res.status, `${JSON.stringify(headers)}`).toBe(403);
        expect(body.error?.code).toBe('FORBIDDEN');
      }
    },
  );

  it('login without Origin (a script) still works; only a cross-site page is refused', async () => {
    const res = await call(
      '/api/auth/login',
      'POST',
      { body: { username: 'nobody', password: 'x-wrong-1' } },
      'leader',
      {},
    );
    expect(res.status).toBe(401);
  });
});

describe('the public intake API holds no ambient credentials (not CSRF-relevant)', () => {
  it('no public route reads the session, except the two on-behalf routes, and those only same-origin', () => {
    const readers = ROUTE_FILES.filter(({ key }) => {
      const methods = ROUTE_MATRIX[key] ?? {};
      return Object.values(methods).some((a) => a && 'public' in a && a.public !== 'login' && !a.cookie);
    }).filter(({ file }) =>
      /getCurrentUser|requireCurrentUser|cookies\(|suqiu_session|SESSION_COOKIE/.test(
        readFileSync(file, 'utf8'),
      ),
    );
    expect(readers.map((r) => r.key)).toEqual([]);
    for (const key of ['/api/v1/complaints', '/api/v1/uploads']) {
      const file = ROUTE_FILES.find((r) => r.key === key)!.file;
      expect(readFileSync(file, 'utf8')).toMatch(
        /isSameOrigin\(request\) \? await getCurrentUser\(\) : null/,
      );
    }
  });

  it("a cross-site submission with a grid worker's cookie is accepted as an anonymous resident's, never on the worker's behalf", async () => {
    const centre = await queryRow<{ lng: number; lat: number }>(
      handle.db,
      sql`select ST_X(centre) as lng, ST_Y(centre) as lat from divisions where code = '510403001001'`,
    );
    const body = (tag: string) => ({
      title: '路灯不亮（跨站测试）',
      description: '小区门口的路灯已经坏了一个星期，晚上出行很不方便。',
      categoryCode: 'WJ01',
      location: { lng: Number(centre!.lng), lat: Number(centre!.lat), datum: 'wgs84' },
      contact: { name: '王先生', phone: '13800001234' },
      idempotencyKey: `csrf-${tag}`,
    });
    const crossSite = await call('/api/v1/complaints', 'POST', { body: body('cross') }, 'grid_worker', {
      origin: 'http://evil.example',
    });
    expect(crossSite.status).toBe(201);
    const sameSite = await call('/api/v1/complaints', 'POST', { body: body('same') }, 'grid_worker', {
      'sec-fetch-site': 'same-origin',
    });
    expect(sameSite.status).toBe(201);
    const reporter = async (res: Response) => {
      const code = ((await res.json()) as { complaint: { trackingCode: string } }).complaint.trackingCode;
      return (await queryRow<{ by: number | null }>(
        handle.db,
        sql`select reported_by_user_id as by from complaints where tracking_code = ${code}`,
      ))!.by;
    };
    expect(await reporter(crossSite)).toBeNull();
    expect(Number(await reporter(sameSite))).toBe(world.users.grid.id);
  });
});
