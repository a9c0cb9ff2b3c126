import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { queryRow } from '@/db/sql';
import { createTestDb } from '@/db/testing/test-db';
import { readAttachment } from './read-attachment.server';
import { signAttachmentUrl } from './signed-url';
import { LocalStorage } from './storage/local-storage';
import { storeUpload } from './store-upload.server';

let handle: DbHandle;
let dir: string;
let storage: LocalStorage;

beforeAll(async () => {
  handle = await createTestDb();
  dir = mkdtempSync(path.join(tmpdir(), 'suqiu-storage-'));
  storage = new LocalStorage(dir);
});
afterAll(async () => {
  await handle?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function jpegWithGps(): Promise<Uint8Array> {
  return new Uint8Array(
    await sharp({ create: { width: 40, height: 30, channels: 3, background: '#3a6' } })
      .jpeg()
      .withExif({
        IFD0: { Make: 'TestCam' },
        IFD3: {
          GPSLatitudeRef: 'N',
          GPSLatitude: '26/1 35/1 0/1',
          GPSLongitudeRef: 'E',
          GPSLongitude: '101/1 43/1 0/1',
        },
      })
      .toBuffer(),
  );
}

const rows = async () =>
  (await queryRow<{ n: number }>(handle.db, sql`select count(*)::int as n from attachments`))!.n;

describe('storeUpload', () => {
  it('stores a phone video with its location and device boxes blanked', async () => {
    const enc = new TextEncoder();
    const box = (type: string, body: Uint8Array) => {
      const out = new Uint8Array(8 + body.byteLength);
      new DataView(out.buffer).setUint32(0, out.byteLength);
      out.set(enc.encode(type), 4);
      out.set(body, 8);
      return out;
    };
    const video = Buffer.concat([
      box('ftyp', enc.encode('isom\0\0\0\0isommp42')),
      box('moov', box('udta', box('\u00a9xyz', enc.encode('+26.5801+101.7203/')))),
      box('mdat', enc.encode('frames')),
    ]);
    const stored = await storeUpload(
      handle.db,
      { bytes: new Uint8Array(video), declaredKind: 'video' },
      storage,
    );
    expect(stored).toMatchObject({ kind: 'video', mime: 'video/mp4', sizeBytes: video.byteLength });
    const row = await queryRow<{ storage_key: string }>(
      handle.db,
      sql`select storage_key from attachments where id = ${stored.id}::uuid`,
    );
    const kept = Buffer.from((await storage.get(row!.storage_key))!);
    expect(video.includes('+26.5801')).toBe(true);
    expect(kept.includes('+26.5801')).toBe(false);
    expect(kept.indexOf('frames')).toBe(video.indexOf('frames'));
  });

  it('stores a photo re-encoded without EXIF (no GPS), served through a signed link only', async () => {
    const original = await jpegWithGps();
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const stored = await storeUpload(handle.db, { bytes: original }, storage);
    expect(stored).toMatchObject({ kind: 'photo', mime: 'image/jpeg' });
    const url = new URL(signAttachmentUrl(stored.id), 'http://x');
    const file = await readAttachment(
      handle.db,
      { id: stored.id, exp: url.searchParams.get('exp'), sig: url.searchParams.get('sig') },
      storage,
    );
    expect((await sharp(file.bytes).metadata()).exif).toBeUndefined();
    await expect(
      readAttachment(handle.db, { id: stored.id, exp: url.searchParams.get('exp'), sig: 'forged' }, storage),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const expired = new URL(signAttachmentUrl(stored.id, Date.now() - 3_600_000), 'http://x');
    await expect(
      readAttachment(
        handle.db,
        { id: stored.id, exp: expired.searchParams.get('exp'), sig: expired.searchParams.get('sig') },
        storage,
      ),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it.each([
    [
      'a script named .jpg',
      new TextEncoder().encode('<script>alert(1)</script>'),
      'photo',
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    [
      'a GIF declared as a photo',
      new TextEncoder().encode('GIF89a\x01\x00\x01\x00'),
      'photo',
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    ['an empty file', new Uint8Array(), undefined, 'VALIDATION'],
    [
      'a photo over 10 MB',
      (() => {
        const b = new Uint8Array(11 * 1024 * 1024);
        b.set([0xff, 0xd8, 0xff, 0xe0]);
        return b;
      })(),
      'photo',
      'PAYLOAD_TOO_LARGE',
    ],
    [
      'a truncated JPEG',
      new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1]),
      'photo',
      'UNSUPPORTED_MEDIA_TYPE',
    ],
  ] as const)('refuses %s (%s) and writes no row', async (_name, bytes, kind, code) => {
    const before = await rows();
    await expect(
      storeUpload(handle.db, { bytes, declaredKind: kind as 'photo' | undefined }, storage),
    ).rejects.toMatchObject({ code });
    expect(await rows()).toBe(before);
  });
});
