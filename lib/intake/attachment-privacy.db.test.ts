/**
 * Attachments end to end through the HTTP handlers: a resident uploads photos carrying EXIF with GPS
 * (JPEG, PNG, WebP) and a report; staff of the case get expiring signed links; the bytes served
 * carry no EXIF, no GPS and no XMP; without a link, with a forged, expired or borrowed signature,
 * the file is refused; staff outside the case's jurisdiction get no links at all.
 */
import { rmSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/db/client';
import { queryRow } from '@/db/sql';
import { createTestDb } from '@/db/testing/test-db';
import { SESSION_COOKIE } from '@/lib/auth/session';
import type { AuthUser } from '@/lib/auth/types';
import { buildWorkflowWorld, type WorkflowWorld, XIQU_VILLAGE } from '@/lib/workflow/testing/fixture';
import { signAttachmentUrl } from './signed-url';

const storageDir = vi.hoisted(() => {
  const dir = `${process.env.TMPDIR ?? '/tmp'}/suqiu-attach-${process.pid}-${Date.now()}`;
  process.env.SUQIU_STORAGE_DIR = dir;
  process.env.SUQIU_RATE_SUBMIT_PER_ADDRESS = '100000';
  process.env.SUQIU_RATE_UPLOAD_PER_ADDRESS = '100000';
  return dir;
});

vi.mock('server-only', () => ({}));
vi.mock('next/server', async (original) => ({
  ...(await original<typeof import('next/server')>()),
  connection: async () => {},
}));
vi.mock('next/headers', async () =>
  (await import('@/lib/auth/testing/session-cookies')).nextHeadersFromJar(),
);

import { GET as getAttachmentLinks } from '@/app/api/complaints/[id]/attachments/route';
import { GET as getFile } from '@/app/api/v1/attachments/[id]/route';
import { POST as submit } from '@/app/api/v1/complaints/route';
import { POST as upload } from '@/app/api/v1/uploads/route';
import { cookieJar, openTestSession } from '@/lib/auth/testing/session-cookies';

let handle: DbHandle;
let world: WorkflowWorld;
const tokens = new Map<string, string>();
let complaintId = 0;
let links: { id: string; mime: string; url: string }[] = [];

const GPS = {
  IFD0: { Make: 'LeakCam', Model: 'GPS-9000', Software: 'LeakSoft' },
  IFD3: {
    GPSLatitudeRef: 'N',
    GPSLatitude: '26/1 35/1 0/1',
    GPSLongitudeRef: 'E',
    GPSLongitude: '101/1 43/1 0/1',
  },
};
const XMP = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="26,35.0N" exif:GPSLongitude="101,43.0E"/></rdf:RDF></x:xmpmeta>`;

async function photo(format: 'jpeg' | 'png' | 'webp'): Promise<Buffer> {
  const base = sharp({ create: { width: 48, height: 32, channels: 3, background: '#2a7' } })
    .withExif(GPS)
    .withXmp(XMP);
  return format === 'png'
    ? base.png().toBuffer()
    : format === 'webp'
      ? base.webp().toBuffer()
      : base.jpeg().toBuffer();
}

async function session(key: string, user: AuthUser) {
  tokens.set(key, await openTestSession(handle.db, user.id));
}

function as(key: string | null): Record<string, string> {
  cookieJar.cookie = key ? `${SESSION_COOKIE}=${tokens.get(key)}` : '';
  return cookieJar.cookie ? { cookie: cookieJar.cookie } : {};
}

async function fetchFile(id: string, query: string) {
  as(null);
  return getFile(new Request(`http://localhost/api/v1/attachments/${id}?${query}`), {
    params: Promise.resolve({ id }),
  });
}

beforeAll(async () => {
  handle = await createTestDb();
  world = await buildWorkflowWorld(handle.db);
  (globalThis as { __suqiuDb?: Promise<DbHandle> }).__suqiuDb = Promise.resolve(handle);
  for (const key of ['handler', 'inspector', 'otherHandler', 'otherInspector', 'leader', 'grid'] as const) {
    await session(key, world.users[key]);
  }
  const ids: string[] = [];
  for (const format of ['jpeg', 'png', 'webp'] as const) {
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(await photo(format))]), `p.${format}`);
    form.set('kind', 'photo');
    const res = await upload(new Request('http://localhost/api/v1/uploads', { method: 'POST', body: form }));
    expect(res.status).toBe(201);
    ids.push(((await res.json()) as { attachment?: { id: string }; id?: string }).attachment?.id ?? '');
  }
  expect(ids.every(Boolean)).toBe(true);
  const centre = await queryRow<{ lng: number; lat: number }>(
    handle.db,
    sql`select ST_X(centre) as lng, ST_Y(centre) as lat from divisions where code = ${XIQU_VILLAGE}`,
  );
  const res = await submit(
    new Request('http://localhost/api/v1/complaints', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        description: '小区门口的自来水管破裂，水流了一整天。',
        location: { lng: Number(centre!.lng), lat: Number(centre!.lat), datum: 'wgs84' },
        contact: { phone: '13912345678' },
        attachmentIds: ids,
      }),
    }),
  );
  expect(res.status).toBe(201);
  const code = ((await res.json()) as { complaint: { trackingCode: string } }).complaint.trackingCode;
  complaintId = Number(
    (await queryRow<{ id: number }>(handle.db, sql`select id from complaints where tracking_code = ${code}`))!
      .id,
  );
  // The fixture's geography puts the point where it lies; staff of that county read it.
  await handle.db.execute(
    sql`update complaints set county_code = '510403000000', town_code = '510403001000', village_code = ${XIQU_VILLAGE},
          responsible_office_id = ${world.offices.health}, status = 'accepted' where id = ${complaintId}`,
  );
}, 180_000);

afterAll(async () => {
  await handle?.close();
  rmSync(storageDir, { recursive: true, force: true });
});

describe('attachments', () => {
  it('are listed with expiring signed links for staff of the case only', async () => {
    const list = async (who: string) =>
      getAttachmentLinks(
        new Request(`http://localhost/api/complaints/${complaintId}/attachments`, { headers: as(who) }),
        {
          params: Promise.resolve({ id: String(complaintId) }),
        },
      );
    const res = await list('handler');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('no-store');
    links = ((await res.json()) as { attachments: typeof links }).attachments;
    expect(links).toHaveLength(3);
    for (const l of links) {
      expect(l.url).toMatch(/^\/api\/v1\/attachments\/[0-9a-f-]{36}\?exp=\d+&sig=[\w-]+$/);
      const exp = Number(new URL(l.url, 'http://x').searchParams.get('exp'));
      expect(exp * 1000 - Date.now()).toBeLessThanOrEqual(10 * 60 * 1000 + 1000);
    }
    expect((await list('inspector')).status).toBe(200);
    for (const outsider of ['otherHandler', 'otherInspector'])
      expect((await list(outsider)).status).toBe(404);
    const anonymous = await getAttachmentLinks(
      new Request(`http://localhost/api/complaints/${complaintId}/attachments`, { headers: as(null) }),
      { params: Promise.resolve({ id: String(complaintId) }) },
    );
    expect(anonymous.status).toBe(401);
  });

  it('are served through the link without EXIF, GPS, device or XMP data (JPEG, PNG, WebP)', async () => {
    expect(links.map((l) => l.mime).sort()).toEqual(['image/jpeg', 'image/png', 'image/webp']);
    for (const original of await Promise.all((['jpeg', 'png', 'webp'] as const).map(photo))) {
      const meta = await sharp(original).metadata();
      expect(meta.exif, 'the test photos do carry EXIF').toBeDefined();
    }
    for (const l of links) {
      const url = new URL(l.url, 'http://x');
      const res = await fetchFile(l.id, url.searchParams.toString());
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(l.mime);
      expect(res.headers.get('cache-control')).toContain('private');
      const bytes = Buffer.from(await res.arrayBuffer());
      const meta = await sharp(bytes).metadata();
      expect(meta.exif, l.mime).toBeUndefined();
      expect(meta.xmp, l.mime).toBeUndefined();
      const raw = bytes.toString('latin1');
      for (const needle of [
        'Exif',
        'LeakCam',
        'GPS-9000',
        'LeakSoft',
        'GPSLatitude',
        'xmpmeta',
        '26,35.0N',
      ]) {
        expect(raw.includes(needle), `${l.mime} contains ${needle}`).toBe(false);
      }
    }
  });

  it('are refused without a valid, unexpired signature for that very file', async () => {
    const [a, b] = links as [(typeof links)[0], (typeof links)[0]];
    const sigOf = (u: string) => new URL(u, 'http://x').searchParams;
    const codes = [
      (await fetchFile(a.id, '')).status,
      (await fetchFile(a.id, `exp=${sigOf(a.url).get('exp')}&sig=forged`)).status,
      (await fetchFile(a.id, sigOf(b.url).toString())).status, // b's signature on a's id
      (await fetchFile(a.id, sigOf(signAttachmentUrl(a.id, Date.now() - 3_600_000)).toString())).status,
      (await fetchFile(a.id, `exp=${Number(sigOf(a.url).get('exp')) + 3600}&sig=${sigOf(a.url).get('sig')}`))
        .status, // a longer life under the same signature
    ];
    expect(codes).toEqual([403, 403, 403, 403, 403]);
  });
});
