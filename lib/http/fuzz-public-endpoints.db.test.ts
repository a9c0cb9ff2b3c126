/**
 * Fuzz suite for every public endpoint (no session): generated malformed requests (wrong types,
 * huge and empty bodies, invalid UTF-8, lying content types, broken JSON, coordinates out of range
 * or not numbers, unknown datums, fake files with lying extensions, SQL and script payloads,
 * oversized fields, unicode edge cases), called as route handlers against a real PostGIS.
 *
 * Malformed by construction → a 4xx with `{error:{code,message}}` (Open311: the spec's error list);
 * inputs that may be valid → 2xx or such a 4xx; never a 5xx. Afterwards nothing is half-written:
 * every complaint has its submitted event, no anonymous complaint has a contact, counts grew by
 * exactly the accepted submissions and uploads, every attachment row has its file.
 *
 * Deterministic: seed FUZZ_SEED (default below; fast-check prints it with any counterexample);
 * FUZZ_RUNS scales the number of runs (1 → ≈ 1,100 requests).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { POST as login } from '@/app/api/auth/login/route';
import { GET as health } from '@/app/api/health/route';
import { GET as categories } from '@/app/api/v1/categories/route';
import { POST as submit } from '@/app/api/v1/complaints/route';
import { POST as rate } from '@/app/api/v1/ratings/route';
import { POST as reopen } from '@/app/api/v1/reopen/route';
import { POST as track } from '@/app/api/v1/track/route';
import { POST as upload } from '@/app/api/v1/uploads/route';
import { GET as open311Get, POST as open311Post } from '@/app/open311/v2/[...path]/route';
import type { DbHandle } from '@/db/client';
import { queryRow, queryRows } from '@/db/sql';
import { createTestDb } from '@/db/testing/test-db';
import { hashPassword } from '@/lib/auth/password';
import { trustPeerHeader } from '@/lib/http/client-address';
import { buildWorkflowWorld, XIQU_VILLAGE } from '@/lib/workflow/testing/fixture';

// The app's server writes the socket's address into x-suqiu-peer (scripts/peer-address.mjs); so do these requests.
trustPeerHeader();

const storageDir = vi.hoisted(() => {
  const dir = `${process.env.TMPDIR ?? '/tmp'}/suqiu-fuzz-${process.pid}-${Date.now()}`;
  process.env.SUQIU_STORAGE_DIR = dir;
  for (const name of [
    'SUQIU_RATE_SUBMIT_PER_ADDRESS',
    'SUQIU_RATE_SUBMIT_PER_PHONE',
    'SUQIU_RATE_TRACK_PER_ADDRESS',
    'SUQIU_RATE_UPLOAD_PER_ADDRESS',
    'SUQIU_RATE_LOGIN_PER_ADDRESS',
  ]) {
    process.env[name] = '1000000';
  }
  return dir;
});

vi.mock('server-only', () => ({}));
vi.mock('next/server', async (original) => ({
  ...(await original<typeof import('next/server')>()),
  connection: async () => {},
}));
vi.mock('next/headers', () => ({
  cookies: async () => ({ get: () => undefined, has: () => false, getAll: () => [] }),
  headers: async () => new Headers(),
}));
vi.mock('next-intl/server', () => ({
  getTranslations: async () => (key: string) => key,
  getLocale: async () => 'zh-CN',
}));

const SEED = Number(process.env.FUZZ_SEED ?? 20_260_426);
const SCALE = Number(process.env.FUZZ_RUNS ?? 1);
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
let total = 0;

let handle: DbHandle;
let here = { lng: 0, lat: 0 };
let existingCode = '';
let realJpeg = new Uint8Array();

// ─── requests ────────────────────────────────────────────────────────────────────────────────

let ip = 0;
const nextIp = () => {
  ip++;
  return `10.77.${(ip >> 8) & 255}.${ip & 255}`;
};

interface RawInit {
  method?: string;
  contentType?: string | null;
  body?: BodyInit | null;
  headers?: Record<string, string>;
}

function rawRequest(p: string, init: RawInit): Request {
  const headers: Record<string, string> = { 'x-suqiu-peer': nextIp(), ...(init.headers ?? {}) };
  if (init.contentType) headers['content-type'] = init.contentType;
  return new Request(`http://localhost${p}`, {
    method: init.method ?? 'POST',
    headers,
    body: init.body ?? null,
  });
}

const jsonRequest = (p: string, body: unknown) =>
  rawRequest(p, { contentType: 'application/json', body: JSON.stringify(body) });

function validComplaint(key: string, over: Record<string, unknown> = {}) {
  return {
    title: '路灯不亮',
    description: '小区门口的路灯坏了一个星期，晚上出行很不方便。',
    categoryCode: 'WJ01',
    location: { lng: here.lng, lat: here.lat, datum: 'wgs84' },
    contact: { name: '王先生', phone: '13800001234' },
    idempotencyKey: key,
    ...over,
  };
}

beforeAll(async () => {
  handle = await createTestDb();
  await buildWorkflowWorld(handle.db);
  (globalThis as { __suqiuDb?: Promise<DbHandle> }).__suqiuDb = Promise.resolve(handle);
  // Real password hashes for the fixture's users: a generated username that hits one is a real login.
  await handle.db.execute(sql`update users set password_hash = ${await hashPassword('Fuzz-Password-1')}`);
  const c = await queryRow<{ lng: number; lat: number }>(
    handle.db,
    sql`select ST_X(centre) as lng, ST_Y(centre) as lat from divisions where code = ${XIQU_VILLAGE}`,
  );
  here = { lng: Number(c!.lng), lat: Number(c!.lat) };
  const res = await submit(jsonRequest('/api/v1/complaints', validComplaint('seed-complaint-1')));
  expect(res.status).toBe(201);
  existingCode = ((await res.json()) as { complaint: { trackingCode: string } }).complaint.trackingCode;
  realJpeg = new Uint8Array(
    await sharp({ create: { width: 8, height: 8, channels: 3, background: '#468' } })
      .jpeg()
      .toBuffer(),
  );
}, 180_000);

afterAll(async () => {
  await handle?.close();
  const { rmSync } = await import('node:fs');
  rmSync(storageDir, { recursive: true, force: true });
});

// ─── generators ──────────────────────────────────────────────────────────────────────────────

/** A request to send, and whether it is malformed by construction. */
interface Case {
  label: string;
  malformed: boolean;
  request: () => Request;
  /** Open311's catch-all path segments. */
  path?: string[];
}

const NUL = String.fromCharCode(0);

const SQL_AND_SCRIPT = [
  "'; drop table complaints; --",
  "1' or '1'='1",
  "\\'; select pg_sleep(5); --",
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection payload, literally
  '${7*7}{{7*7}}',
  '../../../../etc/passwd',
  '%00%27%22',
  'Robert"); DELETE FROM users;--',
];
const UNICODE_EDGES = [
  '\u202e反转文字\u202d',
  '𠀀𠀁𪚥 emoji 🧱🚰👩‍👩‍👧‍👦',
  '\ufeff带 BOM 的文字',
  'zero\u200bwidth\u200djoin',
  '\ud800 lone surrogate',
  'é vs é (NFC/NFD)',
  `${NUL} NUL in text`,
  '\u0007\u001b[31m control chars',
  '\u2028line\u2029separators',
];

type JsonKind = 'string' | 'number' | 'object' | 'boolean' | 'array';

/** A value of any JSON type other than the one a field wants. */
const wrongType = (kind: JsonKind) =>
  fc
    .oneof(
      fc.string(),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.integer(), { maxLength: 3 }),
      fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
    )
    .filter((v) => {
      const t = Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v;
      return t !== kind;
    });

const notJsonText = fc
  .oneof(
    fc.string({ maxLength: 200 }),
    fc.constantFrom(
      '{',
      '{"a":',
      '[1,2',
      '{"description": "x",}',
      "{'single': 'quotes'}",
      'NaN',
      'undefined',
      '{"a":1}{"b":2}',
      NUL,
    ),
  )
  .filter((s) => {
    try {
      JSON.parse(s);
      return false;
    } catch {
      return true;
    }
  });

/** A JSON-looking body with bytes that are not UTF-8. */
const invalidUtf8 = fc
  .uint8Array({ minLength: 1, maxLength: 64 })
  .map(
    (bytes) =>
      new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0xfe, ...bytes, 0x22, 0x7d]),
  );

/** Transport-level malformations every JSON endpoint must refuse. */
function transportCases(p: string, valid: Record<string, unknown>): fc.Arbitrary<Case> {
  const body = JSON.stringify(valid);
  return fc.oneof(
    fc
      .constantFrom(
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/xml',
        null,
        'application/jsonp',
        'json',
      )
      .map(
        (type): Case => ({
          label: `content-type ${type}`,
          malformed: true,
          request: () => rawRequest(p, { contentType: type, body }),
        }),
      ),
    notJsonText.map(
      (text): Case => ({
        label: `broken JSON ${JSON.stringify(text).slice(0, 40)}`,
        malformed: true,
        request: () => rawRequest(p, { contentType: 'application/json', body: text }),
      }),
    ),
    invalidUtf8.map(
      (bytes): Case => ({
        label: 'invalid UTF-8',
        malformed: true,
        request: () => rawRequest(p, { contentType: 'application/json; charset=utf-8', body: bytes }),
      }),
    ),
    fc.integer({ min: 65 * 1024, max: 300 * 1024 }).map(
      (n): Case => ({
        label: `huge body ${n}`,
        malformed: true,
        request: () =>
          rawRequest(p, {
            contentType: 'application/json',
            body: `{"description":"${'长'.repeat(Math.ceil(n / 3))}"}`,
          }),
      }),
    ),
    fc.constant<Case>({
      label: 'empty body',
      malformed: true,
      request: () => rawRequest(p, { contentType: 'application/json', body: '' }),
    }),
    fc
      .oneof(
        fc.integer(),
        fc.string(),
        fc.constant(null),
        fc.boolean(),
        fc.array(fc.integer(), { maxLength: 3 }),
      )
      .map(
        (v): Case => ({
          label: `top-level ${JSON.stringify(v)?.slice(0, 30)}`,
          malformed: true,
          request: () => jsonRequest(p, v),
        }),
      ),
    fc.constantFrom(...Object.keys(valid)).map(
      (field): Case => ({
        label: `${field} = 1e999 (Infinity)`,
        malformed: true,
        request: () =>
          rawRequest(p, {
            contentType: 'application/json',
            body: JSON.stringify({ ...valid, [field]: '@INF@' }).replace('"@INF@"', '1e999'),
          }),
      }),
    ),
  );
}

const WRONG_TYPE_FIELDS: [string, JsonKind][] = [
  ['description', 'string'],
  ['title', 'string'],
  ['location', 'object'],
  ['contact', 'object'],
  ['categoryCode', 'string'],
  ['anonymous', 'boolean'],
  ['attachmentIds', 'array'],
  ['buildingId', 'number'],
  ['kind', 'string'],
];

const SUBMIT_KEYS = new Set([
  'kind',
  'channel',
  'title',
  'description',
  'categoryCode',
  'location',
  'address',
  'buildingId',
  'anonymous',
  'contact',
  'attachmentIds',
  'mediaUrl',
  'idempotencyKey',
  '__proto__',
]);

const badLocation = fc.oneof(
  fc.record({
    lng: fc.oneof(
      fc.double({ min: 180.000001, max: 1e12, noNaN: true }),
      fc.double({ max: -180.000001, min: -1e12, noNaN: true }),
    ),
    lat: fc.constant(26.6),
    datum: fc.constant('wgs84'),
  }),
  fc.record({
    lng: fc.constant(101.6),
    lat: fc.oneof(
      fc.double({ min: 90.000001, max: 1e9, noNaN: true }),
      fc.double({ max: -90.000001, min: -1e9, noNaN: true }),
    ),
    datum: fc.constant('wgs84'),
  }),
  fc.record({
    lng: fc.constantFrom('NaN', 'Infinity', '101.6', '', '101°36′', null),
    lat: fc.constant(26.6),
    datum: fc.constant('wgs84'),
  }),
  fc.record({
    lng: fc.constant(101.6),
    lat: fc.constant(26.6),
    datum: fc.constantFrom('mars', 'WGS84 ', 'gcj-02', 'epsg:4326', '', 'bd09mc', `wgs84${NUL}`),
  }),
  // Valid numbers far outside Panzhihua (the intake refuses locations outside the city).
  fc.record({
    lng: fc.double({ min: -179, max: 99, noNaN: true }),
    lat: fc.double({ min: -89, max: 89, noNaN: true }),
    datum: fc.constantFrom('wgs84', 'gcj02', 'bd09', 'cgcs2000'),
  }),
  fc.record({
    lng: fc.constant(101.6),
    lat: fc.constant(26.6),
    datum: fc.constant('wgs84'),
    extra: fc.string(),
  }),
);

const badFields: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.integer({ min: 2001, max: 20_000 }).map((n) => ({ description: '长'.repeat(n) })),
  fc.integer({ min: 81, max: 2000 }).map((n) => ({ title: '题'.repeat(n) })),
  fc.integer({ min: 201, max: 5000 }).map((n) => ({ address: '址'.repeat(n) })),
  fc.constantFrom<Record<string, unknown>>(
    { description: '' },
    { description: '    ' },
    { description: '短' },
    { title: '' },
  ),
  fc
    .string({ minLength: 1, maxLength: 10 })
    .filter((k) => !SUBMIT_KEYS.has(k))
    .map((k) => ({ [k]: 1 })),
  fc
    .string({ maxLength: 20 })
    .filter((s) => !/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/.test(s.trim()))
    .map((phone) => ({ contact: { name: '王', phone } })),
  fc
    .array(fc.string({ maxLength: 40 }), { minLength: 1, maxLength: 3 })
    .map((ids) => ({ attachmentIds: ids.map((s) => `not-a-uuid-${s}`) })),
  fc.uniqueArray(fc.uuid(), { minLength: 12, maxLength: 20 }).map((ids) => ({ attachmentIds: ids })),
  fc
    .constantFrom('short', 'has space in it', 'ключ-юникод', 'x'.repeat(129))
    .map((k) => ({ idempotencyKey: k })),
  fc.constantFrom<Record<string, unknown>>(
    { channel: 'grid_worker' },
    { channel: 'fax' },
    { kind: 'misconduct', categoryCode: 'WJ01' },
    { kind: 'complaint', categoryCode: 'JJ01' },
    { anonymous: true },
    { categoryCode: 'wj01' },
    { categoryCode: "WJ01'--" },
    { mediaUrl: 'javascript:alert(1)' },
    { mediaUrl: 'file:///etc/passwd' },
    { buildingId: -1 },
    { buildingId: 1.5 },
    { contact: { name: `王${NUL}`, phone: '13800001234' } },
  ),
);

const complaintCases: fc.Arbitrary<Case> = fc.oneof(
  {
    weight: 3,
    arbitrary: transportCases('/api/v1/complaints', {
      description: '描述描述描述',
      location: { lng: 101.6, lat: 26.6, datum: 'wgs84' },
    }),
  },
  // One field of a valid body replaced by a value of another type.
  {
    weight: 3,
    arbitrary: fc
      .constantFrom(...WRONG_TYPE_FIELDS)
      .chain(([field, kind]) => wrongType(kind).map((v) => [field, v] as const))
      .map(
        ([field, v]): Case => ({
          label: `${field}=${JSON.stringify(v)}`,
          malformed: true,
          request: () =>
            jsonRequest('/api/v1/complaints', validComplaint(`wrong-type-${nextIp()}`, { [field]: v })),
        }),
      ),
  },
  // Coordinates out of range, not numbers, outside the city or in an unknown datum.
  {
    weight: 3,
    arbitrary: badLocation.map(
      (location): Case => ({
        label: `location ${JSON.stringify(location)}`,
        malformed: true,
        request: () => jsonRequest('/api/v1/complaints', validComplaint(`loc-${nextIp()}`, { location })),
      }),
    ),
  },
  // Oversized or empty fields, unknown keys, bad phones, attachment ids and idempotency keys.
  {
    weight: 2,
    arbitrary: badFields.map(
      (over): Case => ({
        label: `fields ${JSON.stringify(over).slice(0, 60)}`,
        malformed: true,
        request: () => jsonRequest('/api/v1/complaints', validComplaint(`over-${nextIp()}`, over)),
      }),
    ),
  },
  // Hostile but valid text: accepted and stored as text (no injection), unless it holds NUL or an
  // unpaired surrogate (not Unicode text: a 400, never a 500).
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.constantFrom(...SQL_AND_SCRIPT, ...UNICODE_EDGES),
        fc.constantFrom('title', 'description', 'address'),
        fc.string({ maxLength: 20 }),
      )
      .map(([payload, field, noise]): Case => {
        const text =
          field === 'description' ? `反映问题：${payload}${noise}（请处理）` : payload.slice(0, 60);
        return {
          label: `hostile ${field} ${JSON.stringify(text).slice(0, 50)}`,
          malformed: text.includes(NUL) || !text.isWellFormed() || text.trim().length === 0,
          request: () =>
            jsonRequest('/api/v1/complaints', validComplaint(`hostile-${nextIp()}`, { [field]: text })),
        };
      }),
  },
);

function multipart(
  parts: { name: string; filename?: string; type?: string; bytes: Uint8Array | string }[],
  boundary = 'fuzzBoundary7MA4YWxk',
) {
  const enc = new TextEncoder();
  const chunks: Uint8Array[] = [];
  for (const p of parts) {
    const filename = p.filename !== undefined ? `; filename="${p.filename}"` : '';
    const type = p.type ? `Content-Type: ${p.type}\r\n` : '';
    chunks.push(
      enc.encode(
        `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${filename}\r\n${type}\r\n`,
      ),
    );
    chunks.push(typeof p.bytes === 'string' ? enc.encode(p.bytes) : p.bytes);
    chunks.push(enc.encode('\r\n'));
  }
  chunks.push(enc.encode(`--${boundary}--\r\n`));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.byteLength;
  }
  return { body: out, type: `multipart/form-data; boundary=${boundary}` };
}

const uploadRequest = (m: { body: Uint8Array<ArrayBuffer>; type: string }) =>
  rawRequest('/api/v1/uploads', { contentType: m.type, body: m.body });

const enc = (s: string) => new TextEncoder().encode(s);
const FAKE_FILES: [string, string, Uint8Array][] = [
  ['photo.jpg', 'image/jpeg', enc('<?php system($_GET["c"]); ?>')],
  ['photo.png', 'image/png', enc('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')],
  ['clip.mp4', 'video/mp4', new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03])], // a Windows executable header
  ['voice.m4a', 'audio/mp4', enc('%PDF-1.7\n1 0 obj<<>>endobj')],
  ['a.jpg', 'image/jpeg', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00])], // a truncated JPEG
  ['index.html', 'text/html', enc('<html><script>alert(1)</script></html>')],
  ['empty.jpg', 'image/jpeg', new Uint8Array()],
];

const uploadCases: fc.Arbitrary<Case> = fc.oneof(
  fc.tuple(fc.constantFrom(...FAKE_FILES), fc.constantFrom(undefined, 'photo', 'video', 'audio')).map(
    ([[name, type, bytes], kind]): Case => ({
      label: `fake file ${name} kind=${kind}`,
      malformed: true,
      request: () =>
        uploadRequest(
          multipart([
            { name: 'file', filename: name, type, bytes },
            ...(kind ? [{ name: 'kind', bytes: kind }] : []),
          ]),
        ),
    }),
  ),
  // Random bytes behind a prefix no media format starts with (bare random bytes may begin like an
  // AAC or MP3 frame, which the magic-number check accepts: not malformed by construction).
  fc.uint8Array({ maxLength: 2048 }).map(
    (bytes): Case => ({
      label: `random bytes ${bytes.length}`,
      malformed: true,
      request: () =>
        uploadRequest(
          multipart([
            {
              name: 'file',
              filename: 'x.jpg',
              type: 'image/jpeg',
              bytes: new Uint8Array([...enc('JUNK'), ...bytes]),
            },
          ]),
        ),
    }),
  ),
  fc.constantFrom<Case>(
    {
      label: 'no file field',
      malformed: true,
      request: () => uploadRequest(multipart([{ name: 'other', bytes: 'x' }])),
    },
    {
      label: 'file as a text field',
      malformed: true,
      request: () => uploadRequest(multipart([{ name: 'file', bytes: 'hello' }])),
    },
    {
      label: 'bad kind',
      malformed: true,
      request: () =>
        uploadRequest(
          multipart([
            { name: 'file', filename: 'a.jpg', type: 'image/jpeg', bytes: realJpeg },
            { name: 'kind', bytes: 'document' },
          ]),
        ),
    },
    {
      label: 'a JPEG declared as video',
      malformed: true,
      request: () =>
        uploadRequest(
          multipart([
            { name: 'file', filename: 'a.mp4', type: 'video/mp4', bytes: realJpeg },
            { name: 'kind', bytes: 'video' },
          ]),
        ),
    },
    {
      label: 'multipart without boundary',
      malformed: true,
      request: () => rawRequest('/api/v1/uploads', { contentType: 'multipart/form-data', body: 'garbage' }),
    },
    {
      label: 'wrong boundary',
      malformed: true,
      request: () =>
        rawRequest('/api/v1/uploads', {
          contentType: 'multipart/form-data; boundary=other',
          body: multipart([{ name: 'file', filename: 'a.jpg', bytes: realJpeg }]).body,
        }),
    },
    {
      label: 'JSON body',
      malformed: true,
      request: () => jsonRequest('/api/v1/uploads', { file: 'x' }),
    },
    {
      label: 'no content type',
      malformed: true,
      request: () =>
        rawRequest('/api/v1/uploads', { contentType: null, body: realJpeg as Uint8Array<ArrayBuffer> }),
    },
    {
      label: 'declared too large',
      malformed: true,
      request: () =>
        rawRequest('/api/v1/uploads', {
          contentType: 'multipart/form-data; boundary=b',
          body: 'x',
          headers: { 'content-length': String(10 ** 10) },
        }),
    },
    {
      label: 'a real photo with a lying name and type (valid: the bytes decide)',
      malformed: false,
      request: () =>
        uploadRequest(
          multipart([{ name: 'file', filename: 'lying.mp4', type: 'video/mp4', bytes: realJpeg }]),
        ),
    },
  ),
);

type ResidentPath = '/api/v1/track' | '/api/v1/ratings' | '/api/v1/reopen';

const codeLike = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.stringMatching(/^[2-9A-HJ-NP-Z]{8}$/),
  fc.constantFrom('00000000', 'ILOU1010', "' OR 1=1 --", '<script>', 'abcd-efgh', NUL.repeat(8)),
);

function residentCases(p: ResidentPath): fc.Arbitrary<Case> {
  const extra: Record<string, unknown> =
    p === '/api/v1/ratings'
      ? { level: 'satisfied' }
      : p === '/api/v1/reopen'
        ? { reason: '问题没有解决，请重新处理。' }
        : {};
  return fc.oneof(
    transportCases(p, { trackingCode: 'ABCDEFGH', phoneLast4: '1234', ...extra }),
    // Well-formed or not, unknown codes and wrong digits: a 4xx.
    fc
      .tuple(
        codeLike,
        fc.oneof(fc.stringMatching(/^\d{4}$/), fc.string({ maxLength: 6 }), fc.constant(undefined)),
      )
      .map(
        ([trackingCode, phoneLast4]): Case => ({
          label: `${p} ${JSON.stringify([trackingCode, phoneLast4])}`,
          malformed: true,
          request: () =>
            jsonRequest(p, { trackingCode, ...(phoneLast4 === undefined ? {} : { phoneLast4 }), ...extra }),
        }),
      ),
    fc
      .tuple(fc.constantFrom('trackingCode', 'phoneLast4', 'level', 'reason', 'comment'), wrongType('string'))
      .map(
        ([field, v]): Case => ({
          label: `${p} ${field}=${JSON.stringify(v)}`,
          malformed: true,
          request: () =>
            jsonRequest(p, { trackingCode: existingCode, phoneLast4: '1234', ...extra, [field]: v }),
        }),
      ),
    fc.constantFrom('reason', 'comment').map(
      (field): Case => ({
        label: `${p} ${field} with NUL`,
        malformed: true,
        request: () =>
          jsonRequest(p, {
            trackingCode: existingCode,
            phoneLast4: '1234',
            ...extra,
            [field]: `没有解决${NUL}真的没有`,
          }),
      }),
    ),
    // The real code with the right digits: valid for tracking; rating or reopening a case that is
    // not resolved is a 4xx.
    fc.constant<Case>({
      label: `${p} real code`,
      malformed: p !== '/api/v1/track',
      request: () => jsonRequest(p, { trackingCode: existingCode, phoneLast4: '1234', ...extra }),
    }),
  );
}

const open311Segment = fc.oneof(
  fc.constantFrom(
    'services',
    'requests',
    'discovery',
    'services/WJ01',
    'services/JJ01',
    'services/XX99',
    'requests/ABCDEFGH',
    'requests/REAL',
    'services/WJ01/extra',
    '..',
    '%2e%2e',
    `services/${NUL}`,
  ),
  fc.string({ maxLength: 20 }),
);
const open311Ext = fc.constantFrom('.json', '.xml', '', '.html', '.JSON', '.json.xml');
const open311Query = fc.oneof(
  fc.constant(''),
  fc.constantFrom(
    'jurisdiction_id=sfgov.org',
    'jurisdiction_id=510400',
    'service_request_id=A,B,C,,,',
    'service_code=WJ01,JJ01',
    'start_date=yesterday',
    'end_date=2026-13-45T99:99:99Z',
    'status=open,closed,weird',
    'page=-1',
    'page=1e9',
    'page_size=100000',
    'page=abc',
    'lat=NaN&long=Infinity',
    `service_request_id=${'A'.repeat(5000)}`,
    'start_date=%ZZ',
  ),
  fc
    .dictionary(
      fc.constantFrom(
        'page',
        'page_size',
        'start_date',
        'end_date',
        'status',
        'service_code',
        'service_request_id',
        'jurisdiction_id',
      ),
      fc.string({ maxLength: 30 }),
      { maxKeys: 4 },
    )
    .map((d) => new URLSearchParams(d).toString()),
);

const open311GetCases: fc.Arbitrary<Case> = fc
  .tuple(open311Segment, open311Ext, open311Query)
  .map(([seg, ext, q]): Case => {
    const resolved = `${seg}${ext}`;
    const known =
      /^(services|requests|discovery|services\/WJ01|requests\/[A-Z0-9]{8}|requests\/REAL)\.(json|xml)$/.test(
        resolved,
      );
    return {
      label: `GET open311 ${resolved}?${q.slice(0, 40)}`,
      malformed: !known,
      path: resolved.split('/'),
      request: () => {
        const parts = resolved.replace('REAL', existingCode).split('/');
        return rawRequest(`/open311/v2/${parts.map(encodeURIComponent).join('/')}${q ? `?${q}` : ''}`, {
          method: 'GET',
        });
      },
    };
  });

const OPEN311_FIELDS = [
  'service_code',
  'lat',
  'long',
  'description',
  'phone',
  'datum',
  'attribute[anonymous]',
  'attribute[colour]',
  'media_url',
  'email',
  'address_string',
  'jurisdiction_id',
  'first_name',
] as const;

const open311Values = fc.oneof(
  fc.constantFrom(
    'NaN',
    'Infinity',
    '-Infinity',
    '1e999',
    '',
    ' ',
    '91',
    '-181',
    '0x1A',
    '26,6',
    'mars',
    'JJ01',
    'XX01',
    'javascript:alert(1)',
    'sfgov.org',
    NUL,
    `文字中间有${NUL}空字符的描述`,
    '长'.repeat(3000),
  ),
  fc.string({ maxLength: 30 }),
);

const open311PostCases: fc.Arbitrary<Case> = fc.oneof(
  fc
    .tuple(fc.constantFrom(...OPEN311_FIELDS), open311Values, fc.constantFrom('.json', '.xml'))
    .map(([field, value, ext]): Case => {
      const fields: Record<string, string> = {
        service_code: 'WJ01',
        lat: String(here.lat),
        long: String(here.lng),
        description: '社区卫生服务中心的药比外面药店贵很多。',
        phone: '13900001111',
        [field]: value,
      };
      return {
        label: `POST open311 ${field}=${JSON.stringify(value).slice(0, 30)}`,
        // A wrong service code, coordinates or an unknown attribute always break the request; other
        // fields may happen to stay valid (an email is dropped, a description of 5+ characters is fine,
        // a blank service code leaves the category to triage).
        malformed:
          ['lat', 'long', 'attribute[colour]'].includes(field) ||
          (field === 'service_code' && value.trim() !== ''),
        path: [`requests${ext}`],
        request: () =>
          rawRequest(`/open311/v2/requests${ext}`, {
            contentType: 'application/x-www-form-urlencoded; charset=utf-8',
            body: new URLSearchParams(fields).toString(),
          }),
      };
    }),
  fc
    .oneof(
      fc.constantFrom<[string | null, BodyInit]>(
        ['application/json', JSON.stringify({ service_code: 'WJ01' })],
        [null, 'service_code=WJ01'],
        ['text/plain', 'lat=1'],
        ['application/x-www-form-urlencoded', '%E4%ZZ=%%%&&&=='],
        ['application/x-www-form-urlencoded', `description=${'x'.repeat(70 * 1024)}`],
        ['application/x-www-form-urlencoded', ''],
        ['multipart/form-data', 'garbage'],
      ),
      invalidUtf8.map((b): [string, BodyInit] => ['application/x-www-form-urlencoded', b]),
    )
    .map(
      ([type, body]): Case => ({
        label: `POST open311 transport ${type}`,
        malformed: true,
        path: ['requests.json'],
        request: () => rawRequest('/open311/v2/requests.json', { contentType: type, body }),
      }),
    ),
);

const loginCases: fc.Arbitrary<Case> = fc.oneof(
  transportCases('/api/auth/login', { username: 'x', password: 'y' }),
  fc
    .record({
      username: fc.oneof(
        fc.string({ maxLength: 300 }),
        wrongType('string'),
        fc.constantFrom('h1', 'admin', "admin'--", '<script>', `h1${NUL}`, NUL),
      ),
      password: fc.oneof(
        fc.string({ maxLength: 300 }),
        wrongType('string'),
        fc.constant('x'.repeat(100_000)),
      ),
    })
    .map(
      (b): Case => ({
        label: `login ${JSON.stringify(b).slice(0, 50)}`,
        malformed: true,
        request: () => jsonRequest('/api/auth/login', b),
      }),
    ),
);

const healthCases: fc.Arbitrary<Case> = fc
  .tuple(
    fc.constantFrom('/api/v1/categories', '/api/health'),
    fc.string({ maxLength: 60 }),
    fc.constantFrom('text/html', '*/*', 'application/xml', 'a'.repeat(5000)),
  )
  .map(
    ([p, q, accept]): Case => ({
      label: `GET ${p}?${q}`,
      malformed: false,
      request: () => rawRequest(`${p}?${encodeURIComponent(q)}`, { method: 'GET', headers: { accept } }),
    }),
  );

// ─── oracle ──────────────────────────────────────────────────────────────────────────────────

const accepted = { complaints: 0, uploads: 0 };

async function check(c: Case, res: Response, open311: boolean): Promise<void> {
  total++;
  const where = `${c.label} → ${res.status}`;
  expect(res.status, where).toBeLessThan(500);
  if (res.status >= 400) {
    const text = await res.text();
    if (open311 && text.startsWith('<?xml')) {
      expect(text, where).toMatch(/<errors>\s*<error>\s*<code>\d{3}<\/code>/);
    } else if (open311) {
      const body = JSON.parse(text) as { code: number; description: string }[];
      expect(body[0]?.code, where).toBe(res.status);
      expect(typeof body[0]?.description, where).toBe('string');
    } else {
      const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
      expect(typeof body.error?.code, `${where} ${text.slice(0, 200)}`).toBe('string');
      expect(typeof body.error?.message, where).toBe('string');
    }
  } else {
    expect(c.malformed, `${where}: a malformed request was accepted`).toBe(false);
  }
}

type Send = (c: Case, r: Request) => Promise<Response>;

function property(
  arb: fc.Arbitrary<Case>,
  send: Send,
  numRuns: number,
  opts: { open311?: boolean; counts?: 'complaints' | 'uploads' } = {},
) {
  return fc.assert(
    fc.asyncProperty(arb, async (c) => {
      const res = await send(c, c.request());
      if (opts.counts && res.status === 201) accepted[opts.counts]++;
      await check(c, res, opts.open311 ?? false);
    }),
    { seed: SEED, numRuns, endOnFailure: true },
  );
}

const plain =
  (handler: (r: Request) => Promise<Response>): Send =>
  (_c, r) =>
    handler(r);
const open311 =
  (method: 'GET' | 'POST'): Send =>
  (c, r) => {
    const ctx = {
      params: Promise.resolve({ path: (c.path ?? []).map((s) => s.replace('REAL', existingCode)) }),
    };
    return method === 'GET' ? open311Get(r, ctx) : open311Post(r, ctx);
  };

const counts = () =>
  queryRow<{ complaints: number; events: number; attachments: number }>(
    handle.db,
    sql`select (select count(*)::int from complaints) as complaints,
               (select count(*)::int from complaint_events) as events,
               (select count(*)::int from attachments) as attachments`,
  );

// ─── the runs ────────────────────────────────────────────────────────────────────────────────

describe(`fuzzing every public endpoint (seed ${SEED}; rerun with FUZZ_SEED=${SEED})`, () => {
  let before: Awaited<ReturnType<typeof counts>>;
  beforeAll(async () => {
    before = await counts();
  });

  it(
    'POST /api/v1/complaints',
    () => property(complaintCases, plain(submit), runs(330), { counts: 'complaints' }),
    120_000,
  );
  it(
    'POST /api/v1/uploads',
    () => property(uploadCases, plain(upload), runs(120), { counts: 'uploads' }),
    120_000,
  );
  it('POST /api/v1/track', () => property(residentCases('/api/v1/track'), plain(track), runs(90)), 60_000);
  it('POST /api/v1/ratings', () => property(residentCases('/api/v1/ratings'), plain(rate), runs(70)), 60_000);
  it('POST /api/v1/reopen', () => property(residentCases('/api/v1/reopen'), plain(reopen), runs(70)), 60_000);
  it(
    'GET /api/v1/categories and /api/health with junk queries and headers',
    () =>
      property(
        healthCases,
        (_c, r) => (new URL(r.url).pathname === '/api/health' ? health(r) : categories(r)),
        runs(40),
      ),
    60_000,
  );
  it(
    'GET /open311/v2/… (JSON and XML)',
    () => property(open311GetCases, open311('GET'), runs(160), { open311: true }),
    120_000,
  );
  it(
    'POST /open311/v2/requests (JSON and XML)',
    () => property(open311PostCases, open311('POST'), runs(110), { open311: true, counts: 'complaints' }),
    120_000,
  );
  it('POST /api/auth/login', () => property(loginCases, plain(login), runs(60)), 120_000);

  it('sent at least 1,000 requests and left nothing half-written', async () => {
    expect(total).toBeGreaterThanOrEqual(runs(1000));
    const after = await counts();
    expect(after!.complaints - before!.complaints).toBe(accepted.complaints);
    expect(after!.attachments - before!.attachments).toBe(accepted.uploads);
    expect(accepted.complaints).toBeGreaterThan(0);
    const broken = await queryRows<{ id: number; problem: string }>(
      handle.db,
      sql`select c.id::int as id, 'no submitted event' as problem from complaints c
            where not exists (select 1 from complaint_events e where e.complaint_id = c.id and e.type = 'submitted')
          union all
          select c.id::int, 'anonymous with a contact' from complaints c
            join complaint_contacts cc on cc.complaint_id = c.id where c.anonymous
          union all
          select a.complaint_id::int, 'attachment of a missing complaint' from attachments a
            where a.complaint_id is not null and not exists (select 1 from complaints c where c.id = a.complaint_id)`,
    );
    expect(broken).toEqual([]);
    const files = await queryRows<{ storage_key: string }>(
      handle.db,
      sql`select storage_key from attachments`,
    );
    expect(files.filter((f) => !existsSync(path.join(storageDir, f.storage_key)))).toEqual([]);
  });
});
