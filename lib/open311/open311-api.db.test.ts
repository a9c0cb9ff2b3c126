/**
 * The Open311 GeoReport v2 endpoints, called as route handlers against a test database: every JSON
 * response is checked against the Open311 JSON Schemas (copied in ./schema), XML is parsed back.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { sql } from 'drizzle-orm';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GET, POST } from '@/app/open311/v2/[...path]/route';
import type { DbHandle } from '@/db/client';
import { queryRow } from '@/db/sql';
import { createTestDb } from '@/db/testing/test-db';
import { wgs84ToGcj02 } from '@/lib/geo/convert-datum';
import { trustPeerHeader } from '@/lib/http/client-address';
import { publicOrigin } from '@/lib/http/public-origin';
import { submitComplaint } from '@/lib/intake/submit-complaint.server';
import { buildWorkflowWorld } from '@/lib/workflow/testing/fixture';

// The app's server writes the socket's address into x-suqiu-peer (scripts/peer-address.mjs); so do these requests.
trustPeerHeader();

// Rate rules are read at import: lift them for this file (the limiter itself has its own tests).
vi.hoisted(() => {
  process.env.SUQIU_RATE_SUBMIT_PER_ADDRESS = '100000';
  process.env.SUQIU_RATE_SUBMIT_PER_PHONE = '100000';
  process.env.SUQIU_RATE_TRACK_PER_ADDRESS = '100000';
});

// Route handlers call `connection()`, which needs a Next.js request scope: a no-op here.
vi.mock('next/server', async (original) => ({
  ...(await original<typeof import('next/server')>()),
  connection: async () => {},
}));

const SCHEMA_DIR = path.join(import.meta.dirname, 'schema');
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
for (const name of [
  'request.json',
  'requests.json',
  'service.json',
  'services.json',
  'service-definition.json',
]) {
  ajv.addSchema({ ...JSON.parse(readFileSync(path.join(SCHEMA_DIR, name), 'utf8')), $id: name });
}
function expectValid(schema: string, data: unknown) {
  const validate = ajv.getSchema(schema)!;
  const ok = validate(data);
  expect(ok, JSON.stringify(validate.errors)).toBe(true);
}

let handle: DbHandle;
/** Inside the fixture's first village (东区). */
const HERE = { lng: 101.5051234, lat: 26.5049876 };
const BASE = 'http://localhost/open311/v2';

beforeAll(async () => {
  handle = await createTestDb();
  await buildWorkflowWorld(handle.db);
  (globalThis as { __suqiuDb?: Promise<DbHandle> }).__suqiuDb = Promise.resolve(handle);
});
afterAll(async () => {
  await handle?.close();
});

const ctx = (p: string) => ({ params: Promise.resolve({ path: p.split('/') }) });
const get = (p: string, ip = '10.0.0.1') =>
  GET(new Request(`${BASE}/${p}`, { headers: { 'x-suqiu-peer': ip } }), ctx(p.split('?')[0]!));
function post(p: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return POST(
    new Request(`${BASE}/${p}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', ...headers },
      body: new URLSearchParams(fields).toString(),
    }),
    ctx(p),
  );
}
const xml = new XMLParser({
  isArray: (name) =>
    ['service', 'request', 'error', 'attribute', 'value', 'format', 'endpoint'].includes(name),
});

const fields = (over: Record<string, string> = {}) => ({
  service_code: 'SL01',
  lat: String(HERE.lat),
  long: String(HERE.lng),
  description: '小区门口的自来水管破裂，水流了一整天。',
  address_string: '炳草岗大街 12 号',
  first_name: '明',
  last_name: '李',
  phone: '13900001111',
  email: 'li@example.com',
  api_key: 'anything',
  ...over,
});

describe('GET services', () => {
  it('lists level-2 categories as services (no misconduct family), valid against services.json', async () => {
    const res = await get('services.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    const body = (await res.json()) as { service_code: string; metadata: boolean; group: string }[];
    expectValid('services.json', body);
    expect(body.length).toBeGreaterThan(30);
    expect(body.some((s) => s.service_code === 'SL01' && s.metadata)).toBe(true);
    expect(
      body.every((s) => /^[A-Z]{2}\d{2}$/.test(s.service_code) && !s.service_code.startsWith('JJ')),
    ).toBe(true);
  });

  it('serves the same list as XML with the declaration', async () => {
    const res = await get('services.xml');
    expect(res.headers.get('content-type')).toContain('text/xml');
    const text = await res.text();
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    const parsed = xml.parse(text) as {
      services: { service: { service_code: string; metadata: boolean }[] };
    };
    expect(parsed.services.service.find((s) => s.service_code === 'SL01')?.metadata).toBe(true);
  });

  it('defines a service with its attributes, valid against service-definition.json; 404 for unknown or JJ', async () => {
    const res = await get('services/SL01.json');
    const body = await res.json();
    expectValid('service-definition.json', body);
    expect(body.attributes.map((a: { code: string }) => a.code)).toEqual(['title', 'anonymous', 'datum']);
    const x = xml.parse(await (await get('services/SL01.xml')).text());
    expect(x.service_definition.attributes.attribute[2].values.value).toHaveLength(4);
    for (const code of ['XX99', 'JJ01']) {
      const r = await get(`services/${code}.json`);
      expect(r.status).toBe(404);
      expect((await r.json())[0]).toMatchObject({ code: 404 });
    }
  });
});

describe('POST requests', () => {
  it('creates a complaint through the intake verb (channel open311, contact kept, email dropped)', async () => {
    const res = await post('requests.json', fields());
    expect(res.status).toBe(201);
    const body = (await res.json()) as {
      service_request_id: string;
      service_notice: string;
      account_id: null;
    }[];
    // The public id is the complaint's number; the tracking code (the reporter's secret) is only in the notice.
    expect(body[0]!.service_request_id).toMatch(/^[1-9]\d*$/);
    const code = /查询码 ([2-9A-HJ-NP-Z]{8})/.exec(body[0]!.service_notice)?.[1];
    const row = await queryRow<Record<string, unknown>>(
      handle.db,
      sql`select c.channel::text as channel, c.category_code, c.address, cc.name, cc.phone
          from complaints c join complaint_contacts cc on cc.complaint_id = c.id
          where c.id = ${Number(body[0]!.service_request_id)} and c.tracking_code = ${code ?? ''}`,
    );
    expect(row).toEqual({
      channel: 'open311',
      category_code: 'SL01',
      address: '炳草岗大街 12 号',
      name: '李 明',
      phone: '13900001111',
    });
  });

  it('converts a declared gcj02 datum to WGS84 and answers XML', async () => {
    const [lng, lat] = wgs84ToGcj02(HERE.lng, HERE.lat);
    const res = await post('requests.xml', fields({ lat: String(lat), long: String(lng), datum: 'gcj02' }));
    expect(res.status).toBe(201);
    const id = xml.parse(await res.text()).service_requests.request[0].service_request_id as string;
    const row = await queryRow<{ lng: number; datum: string }>(
      handle.db,
      sql`select ST_X(location) as lng, location_datum::text as datum from complaints where id = ${Number(id)}`,
    );
    expect(row?.datum).toBe('gcj02');
    expect(Number(row?.lng)).toBeCloseTo(HERE.lng, 6);
  });

  it('locates an address_string sent without lat/long (the spec allows it) and says where in the notice', async () => {
    const res = await post(
      'requests.json',
      fields({ lat: '', long: '', address_string: '西区清香坪街道清香坪社区菜市场旁边' }),
    );
    expect(res.status).toBe(201);
    const body = (await res.json()) as { service_request_id: string; service_notice: string }[];
    expect(body[0]!.service_notice).toContain('按地址定位到村/社区：清香坪社区');
    const row = await queryRow<{ village_code: string; address: string }>(
      handle.db,
      sql`select village_code, address from complaints where id = ${Number(body[0]!.service_request_id)}`,
    );
    expect(row).toEqual({ village_code: '510403001001', address: '西区清香坪街道清香坪社区菜市场旁边' });
  });

  it('returns the same request for a retried Idempotency-Key', async () => {
    const a = await (await post('requests.json', fields(), { 'idempotency-key': 'open311-retry-01' })).json();
    const res = await post('requests.json', fields(), { 'idempotency-key': 'open311-retry-01' });
    expect(res.status).toBe(200);
    expect((await res.json())[0].service_request_id).toBe(a[0].service_request_id);
  });

  it.each([
    ['unknown service_code', { service_code: 'XX01' }, 404, 'service_code'],
    ['misconduct service_code', { service_code: 'JJ01' }, 404, 'service_code'],
    ['no location at all', { lat: '', long: '', address_string: '' }, 400, 'location'],
    [
      'address_string naming no place',
      { lat: '', long: '', address_string: '某某大道 12 号' },
      400,
      'address_string',
    ],
    ['non-numeric lat', { lat: 'north' }, 400, 'location.lat'],
    ['outside Panzhihua', { lat: '39.9', long: '116.4' }, 400, 'location'],
    ['unknown datum', { datum: 'mars' }, 400, 'location.datum'],
    ['unknown attribute', { 'attribute[colour]': 'red' }, 400, 'attribute.colour'],
    ['short description', { description: '坏' }, 400, 'description'],
    ['bad media_url', { media_url: 'javascript:alert(1)' }, 400, 'mediaUrl'],
    ['foreign jurisdiction', { jurisdiction_id: 'sfgov.org' }, 404, ''],
  ])(
    'refuses %s with its status and the spec error list, writing nothing',
    async (_name, over, status, field) => {
      const before = await countComplaints();
      const res = await post('requests.json', fields(over as Record<string, string>));
      expect(res.status).toBe(status);
      const body = (await res.json()) as { code: number; description: string }[];
      expect(body[0]!.code).toBe(status);
      if (field) expect(body.some((e) => e.description.includes(` ${field}:`))).toBe(true);
      expect(await countComplaints()).toBe(before);
    },
  );

  it('refuses a body that is neither a form nor JSON with 415, and malformed JSON with 400', async () => {
    const before = await countComplaints();
    const send = (type: string, body: string) =>
      POST(
        new Request(`${BASE}/requests.json`, { method: 'POST', headers: { 'content-type': type }, body }),
        ctx('requests.json'),
      );
    expect((await send('text/plain', 'service_code=SL01')).status).toBe(415);
    const bad = await send('application/json', '{"service_code": "SL01", "lat": ');
    expect(bad.status).toBe(400);
    expect((await bad.json())[0]).toMatchObject({ code: 400 });
    expect((await send('application/json', '["SL01"]')).status).toBe(400);
    expect(await countComplaints()).toBe(before);
  });
});

describe('GET requests', () => {
  it('lists public requests valid against requests.json, without personal data or misconduct', async () => {
    const misconduct = await submitComplaint(handle.db, {
      kind: 'misconduct',
      description: '村干部优亲厚友，低保评定不公。',
      location: { ...HERE, datum: 'wgs84' },
      anonymous: true,
    });
    const res = await get('requests.json');
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>[];
    expectValid('requests.json', body);
    expect(body.length).toBeGreaterThanOrEqual(3);
    // Date-times in China Standard Time, as the screens show them.
    expect(
      body.every((r) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/.test(String(r.requested_datetime))),
    ).toBe(true);
    const text = JSON.stringify(body);
    for (const secret of ['13900001111', '李', '炳草岗大街', '自来水管破裂', misconduct.trackingCode]) {
      expect(text).not.toContain(secret);
    }
    expect(body.map((r) => r.service_request_id)).not.toContain(String(misconduct.id));
    expect((await get(`requests/${misconduct.id}.json`)).status).toBe(404);
    // Point rounded to 0.001°.
    expect(body[0]!.lat).toBe(Math.round(HERE.lat * 1000) / 1000);
  });

  it('filters by id list, service_code, status and dates; pages with page/page_size', async () => {
    const all = (await (await get('requests.json')).json()) as {
      service_request_id: string;
      status: string;
    }[];
    const one = all[0]!.service_request_id;
    const byId = await (await get(`requests.json?service_request_id=${one},999999999`)).json();
    expect(byId.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([one]);
    expect(await (await get('requests.json?service_code=HB01')).json()).toEqual([]);
    expect((await (await get('requests.json?service_code=SL01')).json()).length).toBe(all.length);
    expect(
      await (await get('requests.json?start_date=2020-01-01T00:00:00Z&end_date=2020-02-01T00:00:00Z')).json(),
    ).toEqual([]);
    // The platform's date grammar means the same: a month is its first to its last instant.
    expect(await (await get('requests.json?start_date=2020-01&end_date=2020-01-31')).json()).toEqual([]);
    const month = await get('requests.json?start_date=2020-01&end_date=2020-02');
    expect(month.status).toBe(200);
    const open = await (await get('requests.json?status=open')).json();
    const closed = await (await get('requests.json?status=closed')).json();
    expect(open.length + closed.length).toBe(all.length);
    const p1 = await get('requests.json?page_size=1');
    expect(p1.headers.get('link')).toContain('page=2');
    const p2 = await (await get('requests.json?page_size=1&page=2')).json();
    expectValid('requests.json', p2);
    expect(p2[0].service_request_id).toBe(all[1]!.service_request_id);
  });

  it.each([
    ['a span over 90 days', 'start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z'],
    ['start after end', 'start_date=2026-02-01T00:00:00Z&end_date=2026-01-01T00:00:00Z'],
    // The spec's w3 date-time or the platform's one date grammar (a day or a month); nothing else.
    ['a date in another form', 'start_date=01/01/2026'],
    ['a month that does not exist', 'end_date=2026-13'],
    ['a bad status', 'status=pending'],
    ['page_size over 200', 'page_size=500'],
    ['an unknown parameter', 'colour=red'],
  ])('refuses %s with 400', async (_name, q) => {
    const res = await get(`requests.json?${q}`);
    expect(res.status).toBe(400);
    expect((await res.json())[0].code).toBe(400);
  });

  it('never publishes a tracking code: ids are public numbers, a code finds nothing', async () => {
    const all = (await (await get('requests.json')).json()) as { service_request_id: string }[];
    const codes = await handle.db.execute(sql`select tracking_code from complaints`);
    const text = JSON.stringify(all);
    for (const r of (codes as unknown as { rows: { tracking_code: string }[] }).rows) {
      expect(text).not.toContain(r.tracking_code);
    }
    const code = (codes as unknown as { rows: { tracking_code: string }[] }).rows[0]!.tracking_code;
    expect((await get(`requests/${code}.json`)).status).toBe(404);
    expect((await get(`requests.json?service_request_id=${code}`)).status).toBe(400);
  });

  it('gets one request by its public id (JSON and XML); 404 for unknown', async () => {
    const all = (await (await get('requests.json')).json()) as { service_request_id: string }[];
    const id = all[0]!.service_request_id;
    const res = await get(`requests/${id}.json`);
    const body = await res.json();
    expectValid('requests.json', body);
    expect(body).toHaveLength(1);
    const x = xml.parse(await (await get(`requests/${id}.xml`)).text());
    expect(String(x.service_requests.request[0].service_request_id)).toBe(id);
    expect((await get('requests/999999999.json')).status).toBe(404);
    expect((await get('requests/not-a-code.xml')).status).toBe(404);
  });
});

describe('discovery', () => {
  it('names the v2 endpoint and both formats, in JSON and XML', async () => {
    const body = await (await get('discovery.json')).json();
    expect(body.endpoints[0]).toMatchObject({
      specification: 'http://wiki.open311.org/GeoReport_v2',
      url: `${publicOrigin()}/open311/v2`,
      formats: ['text/xml', 'application/json'],
    });
    const x = xml.parse(await (await get('discovery.xml')).text());
    expect(x.discovery.endpoints.endpoint[0].formats.format).toEqual(['text/xml', 'application/json']);
  });

  it('has an ISO 8601 changeset in the past, on the document and each endpoint', async () => {
    const body = await (await get('discovery.json')).json();
    for (const changeset of [body.changeset, body.endpoints[0].changeset]) {
      expect(changeset).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/);
      expect(new Date(changeset).getTime()).toBeLessThan(Date.now());
    }
  });

  it('accepts (and ignores) api_key on every endpoint', async () => {
    const all = (await (await get('requests.json')).json()) as { service_request_id: string }[];
    for (const p of [
      'discovery.json',
      'services.json',
      'services/SL01.json',
      'requests.json',
      `requests/${all[0]!.service_request_id}.json`,
    ]) {
      const res = await get(`${p}?api_key=abc123`);
      expect(res.status, p).toBe(200);
    }
    const res = await post('requests.json', { ...fields(), api_key: 'abc123' });
    expect(res.status).toBe(201);
  });

  it('counts public reads apart from tracking: a busy list reader keeps its track budget', async () => {
    const ip = '10.44.0.1';
    for (let i = 0; i < 70; i++) expect((await get('requests.json?page_size=1', ip)).status).toBe(200);
  });

  it('answers 404 for unknown resources and suffixes', async () => {
    expect((await get('nothing.json')).status).toBe(404);
    expect((await get('services')).status).toBe(404);
  });
});

async function countComplaints(): Promise<number> {
  return (await queryRow<{ n: number }>(handle.db, sql`select count(*)::int as n from complaints`))!.n;
}
