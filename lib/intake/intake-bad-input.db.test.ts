/**
 * The bad-input table for the public intake API's HTTP layer: each case calls the route handler
 * with a real Request against a test database and asserts the exact status, error code and field
 * path, and that no complaint, attachment, event or rating row was written.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { POST as submitRoute } from '@/app/api/v1/complaints/route';
import { POST as rateRoute } from '@/app/api/v1/ratings/route';
import { POST as trackRoute } from '@/app/api/v1/track/route';
import { POST as uploadRoute } from '@/app/api/v1/uploads/route';
import type { DbHandle } from '@/db/client';
import { queryRow } from '@/db/sql';
import { createTestDb } from '@/db/testing/test-db';
import { buildWorkflowWorld } from '@/lib/workflow/testing/fixture';

vi.hoisted(() => {
  // Rate rules are read at import; this suite is about validation, not limits.
  process.env.SUQIU_RATE_SUBMIT_PER_ADDRESS = '100000';
  process.env.SUQIU_RATE_SUBMIT_PER_PHONE = '100000';
  process.env.SUQIU_RATE_UPLOAD_PER_ADDRESS = '100000';
  process.env.SUQIU_RATE_TRACK_PER_ADDRESS = '100000';
});
// Route handlers call `connection()`, which needs a Next.js request scope: a no-op here.
vi.mock('next/server', async (original) => ({
  ...(await original<typeof import('next/server')>()),
  connection: async () => {},
}));
// No staff session here (reading it needs the request scope's cookies).
vi.mock('@/lib/auth/current-user.server', () => ({ getCurrentUser: async () => null }));

let handle: DbHandle;
const storageDir = mkdtempSync(path.join(tmpdir(), 'suqiu-bad-input-'));
const HERE = { lng: 101.5051234, lat: 26.5049876 };

beforeAll(async () => {
  process.env.SUQIU_STORAGE_DIR = storageDir;
  handle = await createTestDb();
  await buildWorkflowWorld(handle.db);
  (globalThis as { __suqiuDb?: Promise<DbHandle> }).__suqiuDb = Promise.resolve(handle);
});
afterAll(async () => {
  await handle?.close();
  rmSync(storageDir, { recursive: true, force: true });
});

const URL_BASE = 'http://localhost/api/v1';
const valid = () => ({
  description: '小区门口的自来水管破裂，水流了一整天。',
  location: { ...HERE, datum: 'wgs84' },
  contact: { phone: '13912345678' },
});
const json = (body: unknown, headers: Record<string, string> = {}) =>
  new Request(`${URL_BASE}/x`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const raw = (body: BodyInit, type?: string) =>
  new Request(`${URL_BASE}/x`, { method: 'POST', headers: type ? { 'content-type': type } : {}, body });
const upload = (bytes: Uint8Array, kind?: string, name = 'photo.jpg', type = 'image/jpeg') => {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
  if (kind) form.append('kind', kind);
  return new Request(`${URL_BASE}/uploads`, { method: 'POST', body: form });
};
const JPEG_MAGIC = [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01];
const withMagic = (size: number) => {
  const b = new Uint8Array(size);
  b.set(JPEG_MAGIC);
  return b;
};

type Case = [
  name: string,
  route: (r: Request) => Promise<Response>,
  request: () => Request,
  status: number,
  code: string,
  field: string | null,
];
const over = (o: Record<string, unknown>) => json({ ...valid(), ...o });
const loc = (o: Record<string, unknown>) => over({ location: { ...HERE, datum: 'wgs84', ...o } });

const CASES: Case[] = [
  // POST /api/v1/complaints
  ['empty description', submitRoute, () => over({ description: '' }), 400, 'VALIDATION', 'description'],
  ['blank description', submitRoute, () => over({ description: '     ' }), 400, 'VALIDATION', 'description'],
  [
    'over-long description',
    submitRoute,
    () => over({ description: '水'.repeat(2001) }),
    400,
    'VALIDATION',
    'description',
  ],
  ['over-long title', submitRoute, () => over({ title: '标'.repeat(81) }), 400, 'VALIDATION', 'title'],
  [
    'unpaired surrogate in the address',
    submitRoute,
    () => over({ address: '\ud800 幸福路 3 号' }),
    400,
    'VALIDATION',
    'address',
  ],
  [
    'missing location',
    submitRoute,
    () => json({ description: valid().description }),
    400,
    'VALIDATION',
    'location',
  ],
  [
    'NaN latitude (null in JSON)',
    submitRoute,
    () => loc({ lat: Number.NaN }),
    400,
    'VALIDATION',
    'location.lat',
  ],
  ['latitude as text', submitRoute, () => loc({ lat: '26.5' }), 400, 'VALIDATION', 'location.lat'],
  ['longitude out of range', submitRoute, () => loc({ lng: 181 }), 400, 'VALIDATION', 'location.lng'],
  ['latitude out of range', submitRoute, () => loc({ lat: -91 }), 400, 'VALIDATION', 'location.lat'],
  ['wrong datum name', submitRoute, () => loc({ datum: 'WGS-84' }), 400, 'VALIDATION', 'location.datum'],
  [
    'point outside Panzhihua',
    submitRoute,
    () => loc({ lng: 116.4, lat: 39.9 }),
    400,
    'VALIDATION',
    'location',
  ],
  [
    'gcj02 point outside China',
    submitRoute,
    () => loc({ lng: -87.6, lat: 41.7, datum: 'gcj02' }),
    400,
    'VALIDATION',
    'location',
  ],
  ['unknown category', submitRoute, () => over({ categoryCode: 'XX01' }), 400, 'VALIDATION', 'categoryCode'],
  [
    'malformed category',
    submitRoute,
    () => over({ categoryCode: 'water' }),
    400,
    'VALIDATION',
    'categoryCode',
  ],
  [
    'misconduct category on a complaint',
    submitRoute,
    () => over({ categoryCode: 'JJ01' }),
    400,
    'VALIDATION',
    'categoryCode',
  ],
  ['bad phone', submitRoute, () => over({ contact: { phone: '12345' } }), 400, 'VALIDATION', 'contact.phone'],
  ['anonymous with a contact', submitRoute, () => over({ anonymous: true }), 400, 'VALIDATION', 'contact'],
  ['unknown field', submitRoute, () => over({ priority: 'high' }), 400, 'VALIDATION', ''],
  [
    'unknown upload id',
    submitRoute,
    () => over({ attachmentIds: ['00000000-0000-4000-8000-000000000000'] }),
    400,
    'VALIDATION',
    'attachmentIds',
  ],
  [
    'upload id not a uuid',
    submitRoute,
    () => over({ attachmentIds: ['photo1'] }),
    400,
    'VALIDATION',
    'attachmentIds.0',
  ],
  [
    'far or unknown building',
    submitRoute,
    () => over({ buildingId: 999999 }),
    400,
    'VALIDATION',
    'buildingId',
  ],
  [
    'media link with a script scheme',
    submitRoute,
    () => over({ mediaUrl: 'javascript:alert(1)' }),
    400,
    'VALIDATION',
    'mediaUrl',
  ],
  [
    'short idempotency key',
    submitRoute,
    () => over({ idempotencyKey: 'abc' }),
    400,
    'VALIDATION',
    'idempotencyKey',
  ],
  ['malformed JSON', submitRoute, () => json('{"description": "水管'), 400, 'VALIDATION', ''],
  ['a JSON array', submitRoute, () => json('[]'), 400, 'VALIDATION', ''],
  ['JSON null', submitRoute, () => json('null'), 400, 'VALIDATION', ''],
  [
    'invalid UTF-8',
    submitRoute,
    () => raw(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), 'application/json'),
    400,
    'VALIDATION',
    '',
  ],
  [
    'text/plain body',
    submitRoute,
    () => raw(JSON.stringify(valid()), 'text/plain'),
    415,
    'UNSUPPORTED_MEDIA_TYPE',
    null,
  ],
  [
    'form-encoded body',
    submitRoute,
    () => raw('description=x', 'application/x-www-form-urlencoded'),
    415,
    'UNSUPPORTED_MEDIA_TYPE',
    null,
  ],
  ['no content type', submitRoute, () => raw(JSON.stringify(valid())), 415, 'UNSUPPORTED_MEDIA_TYPE', null],
  [
    'body over 64 KB',
    submitRoute,
    () => over({ description: '水'.repeat(30_000) }),
    413,
    'PAYLOAD_TOO_LARGE',
    null,
  ],
  // POST /api/v1/uploads
  [
    'upload: JSON instead of a form',
    uploadRoute,
    () => json({ file: 'x' }),
    415,
    'UNSUPPORTED_MEDIA_TYPE',
    null,
  ],
  [
    'upload: no file',
    uploadRoute,
    () => new Request(`${URL_BASE}/uploads`, { method: 'POST', body: new FormData() }),
    400,
    'VALIDATION',
    'file',
  ],
  ['upload: empty file', uploadRoute, () => upload(new Uint8Array(0)), 400, 'VALIDATION', 'file'],
  [
    'upload: text disguised as a JPEG',
    uploadRoute,
    () => upload(new TextEncoder().encode('<?php echo 1; ?>')),
    415,
    'UNSUPPORTED_MEDIA_TYPE',
    'file',
  ],
  [
    'upload: JPEG declared as video',
    uploadRoute,
    () => upload(withMagic(2048), 'video'),
    415,
    'UNSUPPORTED_MEDIA_TYPE',
    'file',
  ],
  ['upload: unknown kind', uploadRoute, () => upload(withMagic(2048), 'document'), 400, 'VALIDATION', 'kind'],
  [
    'upload: photo over 10 MB',
    uploadRoute,
    () => upload(withMagic(10 * 1024 * 1024 + 1), 'photo'),
    413,
    'PAYLOAD_TOO_LARGE',
    'file',
  ],
  [
    'upload: damaged image',
    uploadRoute,
    () => upload(withMagic(4096), 'photo'),
    415,
    'UNSUPPORTED_MEDIA_TYPE',
    'file',
  ],
  [
    'upload: malformed multipart',
    uploadRoute,
    () => raw('garbage', 'multipart/form-data; boundary=xyz'),
    400,
    'VALIDATION',
    '',
  ],
  // POST /api/v1/track
  [
    'track: malformed code',
    trackRoute,
    () => json({ trackingCode: 'abc' }),
    400,
    'VALIDATION',
    'trackingCode',
  ],
  [
    'track: letters as phone digits',
    trackRoute,
    () => json({ trackingCode: 'ABCD2345', phoneLast4: '12a4' }),
    400,
    'VALIDATION',
    'phoneLast4',
  ],
  ['track: unknown code', trackRoute, () => json({ trackingCode: 'ABCD2345' }), 404, 'NOT_FOUND', null],
  ['track: malformed JSON', trackRoute, () => json('{'), 400, 'VALIDATION', ''],
  ['track: text/plain', trackRoute, () => raw('{}', 'text/plain'), 415, 'UNSUPPORTED_MEDIA_TYPE', null],
  // POST /api/v1/ratings
  [
    'rate: unknown level',
    rateRoute,
    () => json({ trackingCode: 'ABCD2345', level: 'great' }),
    400,
    'VALIDATION',
    'level',
  ],
  [
    'rate: over-long comment',
    rateRoute,
    () => json({ trackingCode: 'ABCD2345', level: 'satisfied', comment: '好'.repeat(501) }),
    400,
    'VALIDATION',
    'comment',
  ],
  [
    'rate: unknown code',
    rateRoute,
    () => json({ trackingCode: 'ABCD2345', level: 'satisfied' }),
    404,
    'NOT_FOUND',
    null,
  ],
  ['rate: no content type', rateRoute, () => raw('{}'), 415, 'UNSUPPORTED_MEDIA_TYPE', null],
];

describe('bad input on the intake API', () => {
  it.each(CASES)('%s', async (_name, route, request, status, code, field) => {
    const before = await counts();
    const res = await route(request());
    const body = (await res.json()) as { error: { code: string; fields?: { path: string }[] } };
    expect({ status: res.status, code: body.error.code }).toEqual({ status, code });
    if (field === null) expect(body.error.fields).toBeUndefined();
    else expect(body.error.fields?.map((f) => f.path)).toContain(field);
    expect(await counts()).toEqual(before);
  });

  it('accepts the valid submission the cases start from (so the table tests what it says)', async () => {
    const res = await submitRoute(json(valid()));
    expect(res.status).toBe(201);
  });
});

async function counts() {
  return queryRow<Record<string, number>>(
    handle.db,
    sql`select (select count(*)::int from complaints) as complaints, (select count(*)::int from attachments) as attachments,
          (select count(*)::int from complaint_events) as events, (select count(*)::int from ratings) as ratings`,
  );
}
