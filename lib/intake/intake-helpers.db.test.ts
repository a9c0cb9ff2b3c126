/**
 * The report form's public helpers, called as route handlers against a test database: the building
 * search (address, village and centre only — never households or persons; bad input 4xx; rate
 * limited) and the category suggestion (the matching keyword rule, the classifier's top categories
 * with probabilities). A building found by the search can be sent with a submission.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GET as searchGet } from '@/app/api/v1/buildings/search/route';
import { GET as suggestGet, POST as suggestPost } from '@/app/api/v1/categories/suggest/route';
import type { DbHandle } from '@/db/client';
import { queryRow } from '@/db/sql';
import { createTestDb } from '@/db/testing/test-db';
import { trustPeerHeader } from '@/lib/http/client-address';
import { resetTriageSuggesterCache } from '@/lib/triage/get-triage-suggester.server';
import { readCorpusDir } from '@/lib/triage/read-labelled-csv';
import { trainTriageModel } from '@/lib/triage/train-triage-model.server';
import { buildWorkflowWorld } from '@/lib/workflow/testing/fixture';
import { buildOpenApiDocument } from './openapi';
import { submitComplaint } from './submit-complaint.server';

// The app's server writes the socket's address into x-suqiu-peer (scripts/peer-address.mjs); so do these requests.
trustPeerHeader();

vi.hoisted(() => {
  process.env.SUQIU_RATE_SEARCH_PER_ADDRESS = '20';
  process.env.SUQIU_RATE_SUGGEST_PER_ADDRESS = '20';
  process.env.SUQIU_RATE_SUBMIT_PER_ADDRESS = '100000';
});

vi.mock('next/server', async (original) => ({
  ...(await original<typeof import('next/server')>()),
  connection: async () => {},
}));

let handle: DbHandle;
let ipCounter = 0;
const freshIp = () => `10.9.0.${++ipCounter}`;

function search(query: string, ip = freshIp()) {
  return searchGet(
    new Request(`http://localhost/api/v1/buildings/search?${query}`, { headers: { 'x-suqiu-peer': ip } }),
  );
}
function suggest(query: string, ip = freshIp()) {
  return suggestGet(
    new Request(`http://localhost/api/v1/categories/suggest?${query}`, {
      headers: { 'x-suqiu-peer': ip },
    }),
  );
}

function suggestBody(body: string, ip = freshIp(), type = 'application/json') {
  return suggestPost(
    new Request('http://localhost/api/v1/categories/suggest', {
      method: 'POST',
      headers: { 'x-suqiu-peer': ip, 'content-type': type },
      body,
    }),
  );
}

/** The centre of 攀大社区's first building (fixture), and a point 100 m east of it. */
let building: { id: number; address: string; lng: number; lat: number };

beforeAll(async () => {
  handle = await createTestDb();
  await buildWorkflowWorld(handle.db);
  (globalThis as { __suqiuDb?: Promise<DbHandle> }).__suqiuDb = Promise.resolve(handle);
  resetTriageSuggesterCache();
  building = (await queryRow<{ id: number; address: string; lng: number; lat: number }>(
    handle.db,
    sql`select id, address, ST_X(centre) as lng, ST_Y(centre) as lat from buildings
        where address = '攀大社区1号楼'`,
  ))!;
});
afterAll(async () => {
  await handle?.close();
});

describe('GET /api/v1/buildings/search', () => {
  it('finds buildings by part of their address, nearest first, with address, village and centre only', async () => {
    const res = await search(
      `q=${encodeURIComponent('攀大社区 1号')}&lng=${building.lng}&lat=${building.lat}`,
    );
    expect(res.status).toBe(200);
    const text = await res.text();
    const body = JSON.parse(text) as { buildings: Record<string, unknown>[] };
    expect(body.buildings.length).toBeGreaterThan(0);
    expect(body.buildings[0]).toEqual({
      id: building.id,
      address: '攀大社区1号楼',
      villageName: '攀大社区',
      lng: expect.closeTo(building.lng, 9),
      lat: expect.closeTo(building.lat, 9),
      distanceM: 0,
    });
    for (const b of body.buildings) {
      expect(Object.keys(b).sort()).toEqual(['address', 'distanceM', 'id', 'lat', 'lng', 'villageName']);
    }
    // Households and persons of those buildings exist in the fixture; none of it leaves.
    const persons = await queryRow<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from persons p join households h on h.id = p.household_id
          where h.building_id = ${building.id}`,
    );
    expect(persons!.n).toBeGreaterThan(0);
    expect(text).not.toMatch(/住户|139\d{8}|单元|household|person|phone/i);
  });

  it('without a point searches the whole city by address; far from every match it finds nothing', async () => {
    const all = (await (await search(`q=${encodeURIComponent('号楼')}`)).json()) as { buildings: unknown[] };
    expect(all.buildings).toHaveLength(10);
    const far = (await (await search(`q=${encodeURIComponent('攀大社区')}&lng=104.06&lat=30.67`)).json()) as {
      buildings: unknown[];
    };
    expect(far.buildings).toEqual([]);
    // LIKE wildcards are literal text, not patterns.
    const wild = (await (await search('q=%25%25')).json()) as { buildings: unknown[] };
    expect(wild.buildings).toEqual([]);
  });

  it.each([
    ['no q', ''],
    ['one character', `q=${encodeURIComponent('攀')}`],
    ['over 40 characters', `q=${'楼'.repeat(41)}`],
    ['lng without lat', `q=${encodeURIComponent('攀大')}&lng=101.7`],
    ['a longitude that is not a number', `q=${encodeURIComponent('攀大')}&lng=abc&lat=26.5`],
    ['latitude out of range', `q=${encodeURIComponent('攀大')}&lng=101.7&lat=95`],
    ['an unknown datum', `q=${encodeURIComponent('攀大')}&lng=101.7&lat=26.5&datum=wgs85`],
  ])('refuses %s with 400 VALIDATION', async (_name, query) => {
    const res = await search(query);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('VALIDATION');
  });

  it('answers 429 with Retry-After past the per-address limit', async () => {
    const ip = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await search(`q=${encodeURIComponent('攀大')}`, ip)).status);
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
    const last = await search(`q=${encodeURIComponent('攀大')}`, ip);
    expect(last.status).toBe(429);
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('a building found by the search goes with a submission from a point within 300 m, its address kept', async () => {
    const result = await submitComplaint(handle.db, {
      description: '楼道里的灯坏了一个月，晚上上下楼很危险。',
      location: { lng: building.lng + 0.001, lat: building.lat, datum: 'wgs84' },
      buildingId: building.id,
    });
    const row = await queryRow<{ building_id: number; address: string }>(
      handle.db,
      sql`select building_id, address from complaints where id = ${result.id}`,
    );
    expect(row).toEqual({ building_id: building.id, address: '攀大社区1号楼' });
  });
});

describe('GET /api/v1/categories/suggest', () => {
  it('names the keyword rule that decides the category, before any model exists', async () => {
    const res = await suggest(`text=${encodeURIComponent('村里好几天没有水喝了')}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      rule: { id: string; name: string; categoryCode: string; nameZh: string } | null;
      suggestions: unknown[];
      model: boolean;
    };
    expect(body.model).toBe(false);
    expect(body.suggestions).toEqual([]);
    expect(body.rule).toMatchObject({ id: 'drinking-water', name: '饮水安全', categoryCode: 'SL01' });
    expect(body.rule!.nameZh).toBeTruthy();
    const none = (await (await suggest(`text=${encodeURIComponent('你好你好')}`)).json()) as {
      rule: unknown;
    };
    expect(none.rule).toBeNull();
  });

  it("returns the classifier's top categories with probabilities once trained; misconduct gets 纪检 only", async () => {
    // The API's contract, not the model's quality (lib/triage/style-shift.test.ts trains the whole
    // corpus): four families keep the training to seconds.
    const corpus = readCorpusDir().filter((r) => /^(SL|HB|WJ|JJ)/.test(r.label));
    await trainTriageModel(handle.db, { trigger: 'command', corpus });
    resetTriageSuggesterCache();
    const body = (await (
      await suggest(`text=${encodeURIComponent('灌溉渠被泥沙堵了，下游的地浇不上水')}`)
    ).json()) as {
      suggestions: { code: string; nameZh: string; probability: number }[];
      model: boolean;
    };
    expect(body.model).toBe(true);
    expect(body.suggestions.length).toBeGreaterThan(0);
    expect(body.suggestions.length).toBeLessThanOrEqual(3);
    expect(body.suggestions[0]!.code).toBe('SL02');
    const ps = body.suggestions.map((s) => s.probability);
    expect([...ps].sort((a, b) => b - a)).toEqual(ps);
    expect(ps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1.000001);
    for (const p of ps) expect(p).toBeGreaterThanOrEqual(0.05);

    const misconduct = (await (
      await suggest(`text=${encodeURIComponent('村干部收了钱才给办低保')}&kind=misconduct`)
    ).json()) as { suggestions: { code: string }[] };
    expect(misconduct.suggestions.length).toBeGreaterThan(0);
    for (const s of misconduct.suggestions) expect(s.code).toMatch(/^JJ/);
  }, 300_000);

  it.each([
    ['no text', ''],
    ['one character', `text=${encodeURIComponent('水')}`],
    ['an unknown kind', `text=${encodeURIComponent('路灯坏了')}&kind=other`],
    ['text over 2000 characters', `text=${'水'.repeat(2001)}`],
  ])('refuses %s with 400 VALIDATION', async (_name, query) => {
    const res = await suggest(query);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('VALIDATION');
  });

  it('answers 429 past the per-address limit', async () => {
    const ip = freshIp();
    for (let i = 0; i < 20; i++)
      expect((await suggest(`text=${encodeURIComponent('路灯坏了')}`, ip)).status).toBe(200);
    expect((await suggest(`text=${encodeURIComponent('路灯坏了')}`, ip)).status).toBe(429);
  });
});

describe('POST /api/v1/categories/suggest', () => {
  // A whole board letter, longer than the 2,000 characters a GET takes.
  const letter = `灌溉渠被泥沙堵了，下游的地浇不上水。${'村里的水渠去年修过一次，今年雨季又被冲下来的泥沙填满了，几户人家的秧田都干了。'.repeat(60)}`;

  it('answers a text longer than GET takes; the same text answers the same through either method', async () => {
    expect(letter.length).toBeGreaterThan(2000);
    const res = await suggestBody(JSON.stringify({ text: letter }));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('no-store');
    const body = (await res.json()) as { suggestions: { code: string }[]; model: boolean; rule: unknown };
    expect(body.model).toBe(true);
    // Irrigation or the water works behind it (the letter says the channel was repaired before).
    expect(body.suggestions[0]!.code).toMatch(/^SL0[24]$/);
    // The same text answers the same through either method.
    const short = '灌溉渠被泥沙堵了，下游的地浇不上水';
    const viaGet = await (await suggest(`text=${encodeURIComponent(short)}`)).json();
    const viaPost = await (await suggestBody(JSON.stringify({ text: short }))).json();
    expect(viaPost).toEqual(viaGet);
    const misconduct = (await (
      await suggestBody(JSON.stringify({ text: '村干部收了钱才给办低保', kind: 'misconduct' }))
    ).json()) as { suggestions: { code: string }[] };
    for (const s of misconduct.suggestions) expect(s.code).toMatch(/^JJ/);
  }, 60_000);

  it.each([
    ['no text', '{}', 'VALIDATION'],
    ['one character', JSON.stringify({ text: '水' }), 'VALIDATION'],
    ['a number for text', JSON.stringify({ text: 12345 }), 'VALIDATION'],
    ['an unknown kind', JSON.stringify({ text: '路灯坏了', kind: 'other' }), 'VALIDATION'],
    ['text over 20,000 characters', JSON.stringify({ text: '水'.repeat(20_001) }), 'VALIDATION'],
    ['malformed JSON', '{"text": "路灯坏了"', 'VALIDATION'],
    ['an empty body', '', 'VALIDATION'],
  ])('refuses %s with 400 %s', async (_name, body, code) => {
    const res = await suggestBody(body);
    expect(res.status).toBe(400);
    const error = ((await res.json()) as { error: { code: string; message: string } }).error;
    expect(error.code).toBe(code);
    expect(error.message).toBeTruthy();
  });

  it('takes exactly 20,000 characters, refuses a body that is not JSON (415) and one far too large (413)', async () => {
    expect((await suggestBody(JSON.stringify({ text: '路灯坏了'.repeat(5_000) }))).status).toBe(200);
    const form = await suggestBody('text=路灯坏了', freshIp(), 'application/x-www-form-urlencoded');
    expect(form.status).toBe(415);
    expect(((await form.json()) as { error: { code: string } }).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const huge = await suggestBody(JSON.stringify({ text: '水'.repeat(200_000) }));
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('shares the per-address limit with GET', async () => {
    const ip = freshIp();
    for (let i = 0; i < 10; i++)
      expect((await suggest(`text=${encodeURIComponent('路灯坏了')}`, ip)).status).toBe(200);
    for (let i = 0; i < 10; i++)
      expect((await suggestBody(JSON.stringify({ text: '路灯坏了' }), ip)).status).toBe(200);
    const res = await suggestBody(JSON.stringify({ text: '路灯坏了' }), ip);
    expect(res.status).toBe(429);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
  });
});

describe('the OpenAPI description', () => {
  it('documents both helpers with their query parameters and error answers', () => {
    const doc = buildOpenApiDocument() as {
      paths: Record<
        string,
        { get?: { parameters: { name: string; required: boolean }[]; responses: object } }
      >;
    };
    const suggestOp = doc.paths['/api/v1/categories/suggest']!.get!;
    expect(suggestOp.parameters.map((p) => [p.name, p.required])).toEqual([
      ['text', true],
      ['kind', false],
    ]);
    expect(Object.keys(suggestOp.responses)).toEqual(expect.arrayContaining(['200', '400', '429']));
    const suggestPostOp = (
      doc.paths['/api/v1/categories/suggest'] as unknown as {
        post: { requestBody: { content: Record<string, { schema: { $ref: string } }> }; responses: object };
      }
    ).post;
    expect(suggestPostOp.requestBody.content['application/json']!.schema.$ref).toBe(
      '#/components/schemas/CategorySuggestBody',
    );
    expect(Object.keys(suggestPostOp.responses)).toEqual(
      expect.arrayContaining(['200', '400', '413', '415', '429']),
    );
    const components = (
      doc as unknown as {
        components: { schemas: Record<string, { properties: { text: { maxLength: number } } }> };
      }
    ).components;
    expect(components.schemas.CategorySuggestBody!.properties.text.maxLength).toBe(20_000);
    const searchOp = doc.paths['/api/v1/buildings/search']!.get!;
    expect(searchOp.parameters.map((p) => p.name)).toEqual(['q', 'lng', 'lat', 'datum']);
    expect(searchOp.parameters.find((p) => p.name === 'q')!.required).toBe(true);
  });
});
