/**
 * Misconduct reports (违纪违法线索) are the 纪委's alone: a sweep of EVERY GET route handler under
 * app/api and app/open311 (enumerated from the file system, so a new route is swept the day it is
 * added), with every role and with no session, over path parameters filled with real ids (the
 * misconduct report's own id among them) and the queries each route needs, asserting that the
 * report's marker text, id and tracking code never appear in any answer (JSON, XML, CSV, xlsx, PDF)
 * — while the 纪委 inspector of its jurisdiction does see it.
 *
 * The fixture is the worst case: the report is (wrongly) routed to an ordinary office with a
 * co-handling office, lies in a grid inside a building, was reported by that grid's worker, is
 * overdue, carries a contact, an attachment, a public timeline note and an outbox notification.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/db/client';
import { queryRow } from '@/db/sql';
import { createTestDb } from '@/db/testing/test-db';
import { cookieJar, openTestSession } from '@/lib/auth/testing/session-cookies';
import { trustPeerHeader } from '@/lib/http/client-address';
import { signAttachmentUrl } from '@/lib/intake/signed-url';
import {
  buildWorkflowWorld,
  insertCase,
  type WorkflowWorld,
  XIQU,
  XIQU_TOWN,
  XIQU_VILLAGE,
} from '@/lib/workflow/testing/fixture';
import { SESSION_COOKIE } from './session';
import type { AuthUser } from './types';

// The app's server writes the socket's address into x-suqiu-peer (scripts/peer-address.mjs); so do these requests.
trustPeerHeader();

vi.hoisted(() => {
  process.env.SUQIU_RATE_SUBMIT_PER_ADDRESS = '100000';
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
const MARKER = 'LEAKMARK7Q3Z';
const MISCONDUCT_ID = 987_654_321;
const MISCONDUCT_CODE = 'JJLK7Q3Z';
const OTHER_MISCONDUCT_ID = 987_654_322;
const OTHER_MISCONDUCT_CODE = 'JJLK8R4W';

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

/** GET route files on disk → their path key ('/api/complaints/[id]'). */
const ROUTE_FILES = ['app/api', 'app/open311']
  .flatMap((d) => walk(path.join(ROOT, d)))
  .filter((f) => /[/\\]route\.(ts|tsx|js)$/.test(f))
  .map((f) => ({
    file: f,
    key: `/${path.relative(path.join(ROOT, 'app'), path.dirname(f)).split(path.sep).join('/')}`,
  }))
  .sort((a, b) => a.key.localeCompare(b.key));

type Handler = (request: Request, context: { params: Promise<Record<string, unknown>> }) => Promise<Response>;
const getters = new Map<string, Handler>();

type Who =
  | 'grid'
  | 'handler'
  | 'waterHandler'
  | 'otherHandler'
  | 'otherInspector'
  | 'leader'
  | 'admin'
  | 'inspector';
const SWEPT: Who[] = ['grid', 'handler', 'waterHandler', 'otherHandler', 'otherInspector', 'leader', 'admin'];
const tokens = new Map<Who, string>();

let handle: DbHandle;
let world: WorkflowWorld;
const ids = {
  ordinary: 0,
  building: 0,
  facility: 0,
  grid: 0,
  letter: 0,
  spotCheck: 0,
  clue: 0,
  otherClue: 0,
  reports: [] as number[],
  topic: 0,
  attachment: '',
  otherAttachment: '',
  tile: { z: 14, x: 0, y: 0 },
};
let lngLat = { lng: 0, lat: 0 };

async function one<T extends Record<string, unknown>>(query: ReturnType<typeof sql>): Promise<T> {
  const row = await queryRow<T>(handle.db, query);
  if (!row) throw new Error('fixture query returned nothing');
  return row;
}

async function insertMisconduct(params: {
  id: number;
  code: string;
  village: string;
  gridId: number | null;
  buildingId: number | null;
  reportedBy: number | null;
}): Promise<string> {
  const db = handle.db;
  await db.execute(sql`insert into complaints (id, tracking_code, kind, channel, title, description, category_code,
      urgency_code, location, county_code, town_code, village_code, grid_id, building_id, status,
      responsible_office_id, co_office_ids, reported_by_user_id, submitted_at, dispatched_at, resolve_due_at,
      first_reply_due_at, routing_reason, triage_reason)
    select ${params.id}, ${params.code}, 'misconduct', 'grid_worker', ${`${MARKER} 王科长违规收受红包`},
      ${`${MARKER}：卫健局王科长在药品采购中收受供应商红包，金额较大。`}, 'JJ01', 'normal',
      coalesce((select centre from buildings where id = ${params.buildingId}), v.centre),
      t.parent_code, v.parent_code, v.code, ${params.gridId}, ${params.buildingId}, 'dispatched',
      ${world.offices.health}, ${sql.raw(`'{${world.offices.water}}'::integer[]`)}, ${params.reportedBy},
      now() - interval '20 days', now() - interval '20 days', now() - interval '5 days', now() - interval '15 days',
      ${`${MARKER} 路由理由`}, ${`${MARKER} 研判理由`}
    from divisions v join divisions t on t.code = v.parent_code where v.code = ${params.village}`);
  await db.execute(sql`insert into complaint_contacts (complaint_id, name, phone, phone_last4)
    values (${params.id}, ${`${MARKER}举报人`}, '13987654321', '4321')`);
  await db.execute(sql`insert into complaint_events (complaint_id, type, to_status, public_note, public, data)
    values (${params.id}, 'submitted', 'received', ${`${MARKER} 已提交`}, true, ${JSON.stringify({ note: MARKER })}::jsonb)`);
  await db.execute(sql`insert into notifications (recipient_office_id, complaint_id, kind, title, body)
    values (${world.offices.health}, ${params.id}, 'dispatched', ${`${MARKER} 新诉求待受理`}, ${MARKER})`);
  const attachment = await one<{ id: string }>(
    sql`insert into attachments (complaint_id, kind, mime, size_bytes, sha256, storage_key)
        values (${params.id}, 'photo', 'image/jpeg', 10, ${'0'.repeat(64)}, ${`leak/${MARKER}.jpg`}) returning id`,
  );
  return attachment.id;
}

beforeAll(async () => {
  handle = await createTestDb();
  world = await buildWorkflowWorld(handle.db);
  (globalThis as { __suqiuDb?: Promise<DbHandle> }).__suqiuDb = Promise.resolve(handle);
  ids.grid = (world.users.grid.jurisdiction as { gridId: number }).gridId;
  const building = await one<{ id: number; lng: number; lat: number }>(
    sql`select id, ST_X(centre) as lng, ST_Y(centre) as lat from buildings where grid_id = ${ids.grid} order by id limit 1`,
  );
  ids.building = building.id;
  lngLat = { lng: Number(building.lng), lat: Number(building.lat) };
  const n = 2 ** ids.tile.z;
  ids.tile.x = Math.floor(((lngLat.lng + 180) / 360) * n);
  const rad = (lngLat.lat * Math.PI) / 180;
  ids.tile.y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);

  ids.attachment = await insertMisconduct({
    id: MISCONDUCT_ID,
    code: MISCONDUCT_CODE,
    village: XIQU_VILLAGE,
    gridId: ids.grid,
    buildingId: ids.building,
    reportedBy: world.users.grid.id,
  });
  const dongquVillage = await one<{ code: string }>(
    sql`select code from divisions where level = 'village' and code like '510402%' order by code limit 1`,
  );
  ids.otherAttachment = await insertMisconduct({
    id: OTHER_MISCONDUCT_ID,
    code: OTHER_MISCONDUCT_CODE,
    village: dongquVillage.code,
    gridId: null,
    buildingId: null,
    reportedBy: null,
  });
  // Ordinary cases around it, so that every list and map layer has something to show.
  ids.ordinary = await insertCase(handle.db, {
    status: 'accepted',
    officeId: world.offices.health,
    at: [lngLat.lng, lngLat.lat],
  });
  await insertCase(handle.db, {
    status: 'resolved',
    officeId: world.offices.health,
    at: [lngLat.lng, lngLat.lat],
  });
  await handle.db.execute(
    sql`update complaints set building_id = ${ids.building} where id = ${ids.ordinary}`,
  );
  // A market at the building, with the misconduct report and the ordinary case linked to it (confirmed),
  // so that the facility panel is swept with a report on it.
  ids.facility = Number(
    (
      await one<{ id: number }>(
        sql`insert into facilities (code, kind, name, division_code, location, building_id, supervising_office_id)
            values ('LEAK-M1', 'market', '泄漏检查农贸市场', ${XIQU_VILLAGE},
              (select centre from buildings where id = ${ids.building}), ${ids.building}, ${world.offices.health}) returning id`,
      )
    ).id,
  );
  await handle.db.execute(
    sql`update complaints set facility_id = ${ids.facility}, facility_link_method = 'staff',
          facility_link_confidence = 1, facility_link_state = 'confirmed'
        where id in (${MISCONDUCT_ID}, ${ids.ordinary})`,
  );
  ids.letter = Number(
    (
      await one<{ id: number }>(
        sql`insert into supervision_letters (code, complaint_id, office_id, issuing_office_id, reason, due_at)
            values ('DB-LEAK-1', ${ids.ordinary}, ${world.offices.health}, ${world.offices.health}, '逾期', now() + interval '3 days') returning id`,
      )
    ).id,
  );
  ids.spotCheck = Number(
    (
      await one<{ id: number }>(
        sql`insert into spot_checks (complaint_id, office_id) values (${ids.ordinary}, ${world.offices.health}) returning id`,
      )
    ).id,
  );
  ids.clue = Number(
    (
      await one<{ id: number }>(
        sql`insert into clues (code, kind, title, summary, division_code)
            values ('XS-LEAK-1', 'facility_pattern', '线索', '摘要', ${XIQU}) returning id`,
      )
    ).id,
  );
  ids.otherClue = Number(
    (
      await one<{ id: number }>(
        sql`insert into clues (code, kind, title, summary, division_code)
            values ('XS-LEAK-2', 'facility_pattern', '线索', '摘要', '510402000000') returning id`,
      )
    ).id,
  );
  const now = new Date();
  const users: Record<Who, AuthUser> = {
    grid: world.users.grid,
    handler: world.users.handler,
    waterHandler: world.users.waterHandler,
    otherHandler: world.users.otherHandler,
    otherInspector: world.users.otherInspector,
    leader: world.users.leader,
    admin: world.users.admin,
    inspector: world.users.inspector,
  };
  for (const [who, user] of Object.entries(users) as [Who, AuthUser][]) {
    tokens.set(who, await openTestSession(handle.db, user.id, now));
  }
  const posts = new Map<string, Handler>();
  for (const { key, file } of ROUTE_FILES) {
    const mod = (await import(file)) as { GET?: Handler; POST?: Handler };
    if (typeof mod.GET === 'function') getters.set(key, mod.GET);
    if (typeof mod.POST === 'function') posts.set(key, mod.POST);
  }
  // A monthly report of the month holding the reports, issued by the leader (its figures come from
  // the statistics), so that the report reads and PDFs are swept too.
  const issue = posts.get('/api/reports');
  if (issue) {
    const month = new Date(Date.now() - 20 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 7);
    for (const who of ['leader'] as const) {
      cookieJar.cookie = `${SESSION_COOKIE}=${tokens.get(who)}`;
      const res = await issue(
        new Request('http://localhost/api/reports', {
          method: 'POST',
          headers: {
            cookie: cookieJar.cookie,
            'content-type': 'application/json',
            'sec-fetch-site': 'same-origin',
          },
          body: JSON.stringify({ areaCode: XIQU, month }),
        }),
        { params: Promise.resolve({}) },
      );
      if (res.status >= 300)
        throw new Error(`issuing a monthly report failed: ${res.status} ${await res.text()}`);
    }
    const rows = await handle.db.execute(sql`select id from monthly_reports order by id`);
    ids.reports = (rows as unknown as { rows: { id: number }[] }).rows.map((r) => Number(r.id));
  }
  // A 每月一题 topic of 西区 (its page counts the problem's complaints month by month).
  ids.topic = Number(
    (await queryRow<{ id: number }>(
      handle.db,
      sql`insert into monthly_topics (division_code, month, area_code, category_code, candidate, picked_by_user_id)
            values (${XIQU}, date_trunc('month', now() at time zone 'Asia/Shanghai')::date - interval '2 months',
              ${XIQU_TOWN}, 'SL', ${JSON.stringify({ rank: 1 })}::jsonb, ${world.users.leader.id}) returning id`,
    ))!.id,
  );
}, 420_000);

afterAll(async () => {
  await handle?.close();
});

const BBOX = 'bbox=101.4,26.4,101.9,26.8';
const MONTHS = 'from=2025-01&to=2026-12';

/** Queries each route needs to answer with data (a route not listed is called with none, and with the generic ones). */
function queriesFor(key: string): string[] {
  const division = `division=${XIQU}`;
  const near = `bbox=${lngLat.lng - 0.004},${lngLat.lat - 0.004},${lngLat.lng + 0.004},${lngLat.lat + 0.004}`;
  const day = (ago: number) =>
    new Date(Date.now() - ago * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
  const period = `area=${XIQU}&from=${day(60)}&to=${day(0)}`;
  const specific: Record<string, string[]> = {
    '/api/export/stats.xlsx': ['indicators', 'offices', 'categories', 'trend', 'assessment'].map(
      (table) => `table=${table}&${period}`,
    ),
    '/api/map/buildings': [near],
    '/api/map/points': [near, `${near}&zoom=16`],
    '/api/map/hexagons': [`${near}&zoom=14`, `${BBOX}&zoom=10`],
    '/api/analytics/cell-complaints': [`${division}&cellSize=1000&i=0&j=0`],
    '/api/analytics/clusters': [division, `${division}&eps=2000&minPoints=1`],
    '/api/analytics/emerging': [`${division}&months=4`],
    '/api/analytics/hotspots': [division, `${division}&format=csv`],
    '/api/clues/findings': [division, 'division=510402000000'],
    '/api/supervision/buck-passing': ['', 'days=730&limit=200'],
    '/api/routing/amendments': [''],
    '/api/stats/per-capita': ['', `area=${XIQU}`, `area=${XIQU}&from=2025-01-01&to=2026-12-31`],
    '/api/stats/complaints': [`indicator=volume&${period}`, `indicator=volume&part=denominator&${period}`],
    '/api/map/area': [
      `lng=${lngLat.lng}&lat=${lngLat.lat}&level=county`,
      `lng=${lngLat.lng}&lat=${lngLat.lat}&level=village`,
    ],
    '/api/map/areas': ['level=county', 'level=village'],
    '/api/map/building-search': ['q=号楼', `q=${MARKER}`],
    '/api/map/cells': [`${BBOX}&zoom=12`, `${BBOX}&zoom=16`, `${BBOX}&zoom=16&${MONTHS}`],
    '/api/map/selection': ['sel=101.4,26.4;101.9,26.4;101.9,26.8;101.4,26.8'],
    '/api/export/complaints.xlsx': [
      'list=inbox',
      'list=inbox&contact=1',
      'list=dispatch',
      'list=selection&sel=101.4,26.4;101.9,26.4;101.9,26.8;101.4,26.8',
      `list=cell&division=${XIQU}&cellSize=1000&shape=square&i=0&j=0`,
    ],
    '/api/v1/buildings/search': [
      `q=号楼&lng=${lngLat.lng}&lat=${lngLat.lat}`,
      `lng=${lngLat.lng}&lat=${lngLat.lat}`,
    ],
    '/api/v1/places/at': [`lng=${lngLat.lng}&lat=${lngLat.lat}`, `building=${ids.building}`],
    '/api/v1/categories/suggest': [
      `text=${encodeURIComponent('王科长收受红包')}`,
      `q=${encodeURIComponent('收受红包')}`,
    ],
  };
  // Routes addressing one object by id take no query of their own.
  const generic = key.includes('[') ? [''] : ['', `${BBOX}&zoom=16`, `${division}&${MONTHS}`];
  return specific[key] ?? generic;
}

/** Path parameter sets: every dynamic segment filled with each real id (the misconduct report's first). */
function paramSetsFor(key: string): Record<string, string | string[]>[] {
  if (key === '/open311/v2/[...path]') {
    return [
      { path: ['services.json'] },
      { path: ['services', 'JJ01.json'] },
      { path: ['requests.json'] },
      { path: ['requests.xml'] },
      { path: ['requests', `${MISCONDUCT_CODE}.json`] },
      { path: ['requests', `${MISCONDUCT_CODE}.xml`] },
      { path: ['requests', `${MISCONDUCT_ID}.json`] },
      { path: ['requests', `${MISCONDUCT_ID}.xml`] },
      { path: ['discovery.json'] },
    ];
  }
  const names = [...key.matchAll(/\[(?:\.\.\.)?(\w+)\]/g)].map((m) => m[1]!);
  if (names.length === 0) return [{}];
  if (key.includes('/tiles/')) {
    const { z, x, y } = ids.tile;
    return [
      { z: String(z), x: String(x), y: `${y}.mvt` },
      { z: String(z), x: String(x), y: String(y) },
      { z: '10', x: String(x >> 4), y: `${y >> 4}.mvt` },
    ];
  }
  const candidates: Record<string, string[]> = {
    id: [
      String(MISCONDUCT_ID),
      String(OTHER_MISCONDUCT_ID),
      ids.attachment,
      ids.otherAttachment,
      String(ids.building),
      String(ids.facility),
      String(ids.grid),
      String(ids.letter),
      String(ids.spotCheck),
      String(ids.clue),
      String(ids.otherClue),
      ...ids.reports.map(String),
      String(ids.topic),
      String(ids.ordinary),
    ],
    day: ['2026-03-02'],
  };
  let sets: Record<string, string>[] = [{}];
  for (const name of names) {
    const values = candidates[name] ?? [String(MISCONDUCT_ID), '1'];
    sets = sets.flatMap((s) => values.map((v) => ({ ...s, [name]: v })));
  }
  return sets;
}

async function call(
  key: string,
  params: Record<string, string | string[]>,
  query: string,
  who: Who | null,
): Promise<Response> {
  const handler = getters.get(key)!;
  const pathname = key.replace(/\[\.\.\.(\w+)\]|\[(\w+)\]/g, (_m, rest: string, one: string) => {
    const v = params[rest ?? one];
    return Array.isArray(v) ? v.join('/') : String(v);
  });
  const token = who ? tokens.get(who) : undefined;
  cookieJar.cookie = token ? `${SESSION_COOKIE}=${token}` : '';
  const request = new Request(`http://localhost${pathname}${query ? `?${query}` : ''}`, {
    headers: { ...(cookieJar.cookie ? { cookie: cookieJar.cookie } : {}), 'x-suqiu-peer': '10.7.7.7' },
  });
  return handler(request, { params: Promise.resolve(params) });
}

/** The answer as text, whatever its format: JSON, XML, CSV as they are; xlsx cells; PDF text. */
async function bodyText(res: Response): Promise<string> {
  const type = res.headers.get('content-type') ?? '';
  const bytes = Buffer.from(await res.arrayBuffer());
  if (type.includes('spreadsheetml')) {
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const cells: string[] = [];
    book.eachSheet((sheet) =>
      sheet.eachRow((row) => {
        row.eachCell((cell) => {
          cells.push(String(cell.text ?? ''));
        });
      }),
    );
    return cells.join('\n');
  }
  if (type.includes('pdf')) {
    const { extractText, getDocumentProxy } = await import('unpdf');
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true });
    return text;
  }
  return bytes.toString('utf8');
}

/**
 * What of the reports shows in a text. Another county's inspector is the right reader of the report
 * in their county: for them only the 西区 report counts. An error answer may echo the caller's own
 * path (the tracking code asked for): those values are blanked first, so only data can leak.
 */
function leaks(text: string, who: Who | null = null, echo: string[] = []): string[] {
  let t = text;
  for (const e of echo) t = t.split(e).join('<asked>');
  const needles =
    who === 'otherInspector'
      ? [MARKER, MISCONDUCT_CODE, String(MISCONDUCT_ID)]
      : [MARKER, MISCONDUCT_CODE, OTHER_MISCONDUCT_CODE, String(MISCONDUCT_ID), String(OTHER_MISCONDUCT_ID)];
  return needles.filter((n) => t.includes(n));
}

/**
 * GET routes that may answer no role with data here, and why. Anything else must answer someone
 * with a 2xx, or the sweep would prove nothing about it.
 */
const NO_DATA_EXPECTED: Record<string, string> = {
  '/api/v1/attachments/[id]': 'the signed link is the credential: swept below with a valid signature',
};

/** For another county's inspector, the marker inside their own county's report is not a leak. */
function other(text: string, who: Who | null): string {
  return who === 'otherInspector' && text.includes(OTHER_MISCONDUCT_CODE)
    ? text.split(MARKER).join('<own>')
    : text;
}

describe('misconduct reports never leak', () => {
  it('the route files were found and include the complaint reads', () => {
    expect(getters.size).toBeGreaterThan(20);
    expect([...getters.keys()]).toContain('/api/complaints/[id]');
    expect([...getters.keys()]).toContain('/open311/v2/[...path]');
  });

  it("the jurisdiction's 纪委 inspector does see the report (the marker is findable)", async () => {
    const res = await call('/api/complaints/[id]', { id: String(MISCONDUCT_ID) }, '', 'inspector');
    expect(res.status).toBe(200);
    const text = await bodyText(res);
    expect(text).toContain(MARKER);
    expect(text).toContain(MISCONDUCT_CODE);
    // …but not the other county's report.
    const other = await call('/api/complaints/[id]', { id: String(OTHER_MISCONDUCT_ID) }, '', 'inspector');
    expect(other.status).toBe(404);
  });

  it('every GET route × every other role (and no session) × real ids: no marker, id or tracking code', async () => {
    const found: string[] = [];
    const answered = new Map<string, number>();
    const lastAnswer = new Map<string, string>();
    for (const key of getters.keys()) {
      answered.set(key, 0);
      for (const params of paramSetsFor(key)) {
        for (const query of queriesFor(key)) {
          for (const who of [null, ...SWEPT] as const) {
            const res = await call(key, params, query, who);
            const label = `${who ?? 'no session'} GET ${key} ${JSON.stringify(params)} ?${query}`;
            expect(res.status, `${label}: 5xx`).toBeLessThan(500);
            if (res.status >= 200 && res.status < 300) answered.set(key, answered.get(key)! + 1);
            const text = await bodyText(res);
            if (who === 'inspector' || who === 'leader' || !lastAnswer.has(key))
              lastAnswer.set(key, `${who} ?${query} → ${res.status} ${text.slice(0, 160)}`);
            const echo =
              res.status >= 400
                ? Object.values(params)
                    .flat()
                    .map((v) => v.replace(/\.(json|xml)$/, ''))
                : [];
            // The other county's inspector legitimately reads the report of their own county.
            const hit = leaks(other(text, who), who, echo);
            if (hit.length) found.push(`${label} → ${res.status} shows ${hit.join(', ')}`);
          }
        }
      }
    }
    expect(found).toEqual([]);
    const silent = [...answered]
      .filter(([key, n]) => n === 0 && !NO_DATA_EXPECTED[key])
      .map(([key]) => `${key}: ${lastAnswer.get(key)}`);
    expect(silent, 'GET routes that answered no one: give them a query in queriesFor').toEqual([]);
  }, 1_200_000);

  it('Open311 answers a misconduct tracking code exactly as an unknown one', async () => {
    const asked = await call(
      '/open311/v2/[...path]',
      { path: ['requests', `${MISCONDUCT_CODE}.json`] },
      '',
      null,
    );
    const unknown = await call('/open311/v2/[...path]', { path: ['requests', 'ZZZZ9999.json'] }, '', null);
    expect(asked.status).toBe(unknown.status);
    expect((await asked.text()).replace(MISCONDUCT_CODE, '?')).toBe(
      (await unknown.text()).replace('ZZZZ9999', '?'),
    );
  });

  it("a validly signed link to a misconduct report's attachment names nothing of the report", async () => {
    const url = new URL(`http://localhost${signAttachmentUrl(ids.attachment)}`);
    const res = await call(
      '/api/v1/attachments/[id]',
      { id: ids.attachment },
      url.searchParams.toString(),
      null,
    );
    expect(res.status).toBeLessThan(500);
    expect(leaks(await bodyText(res))).toEqual([]);
    for (const h of ['content-disposition', 'location']) expect(leaks(res.headers.get(h) ?? '')).toEqual([]);
  });
});
