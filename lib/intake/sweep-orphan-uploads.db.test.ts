/**
 * The orphan-upload sweep: uploads never attached to a complaint are removed after the configured
 * age, file and row together; attached or recent ones stay; a file the store cannot delete keeps its
 * row for the next run; a swept upload can no longer be attached (the submission is refused whole).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { queryRow, queryRows } from '@/db/sql';
import { createTestDb } from '@/db/testing/test-db';
import { buildWorkflowWorld } from '@/lib/workflow/testing/fixture';
import type { BlobStorage } from './storage/blob-storage';
import { LocalStorage } from './storage/local-storage';
import { storeUpload } from './store-upload.server';
import { submitComplaint } from './submit-complaint.server';
import { sweepOrphanUploads } from './sweep-orphan-uploads.server';

let handle: DbHandle;
let dir: string;
let storage: LocalStorage;
const HERE = { lng: 101.5051234, lat: 26.5049876, datum: 'wgs84' as const };
const NOW = new Date('2026-05-20T08:00:00Z');
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000);

beforeAll(async () => {
  handle = await createTestDb();
  await buildWorkflowWorld(handle.db);
  dir = mkdtempSync(path.join(tmpdir(), 'suqiu-sweep-'));
  storage = new LocalStorage(dir);
});
afterAll(async () => {
  await handle?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function photo(seed: number): Promise<Uint8Array> {
  return new Uint8Array(
    await sharp({ create: { width: 20 + seed, height: 20, channels: 3, background: '#3a6' } })
      .png()
      .toBuffer(),
  );
}
async function upload(seed: number, at: Date) {
  const stored = await storeUpload(handle.db, { bytes: await photo(seed), now: at }, storage);
  const row = await queryRow<{ storage_key: string }>(
    handle.db,
    sql`select storage_key from attachments where id = ${stored.id}::uuid`,
  );
  return { id: stored.id, file: path.join(dir, row!.storage_key) };
}
const rowExists = async (id: string) =>
  (await queryRows(handle.db, sql`select 1 from attachments where id = ${id}::uuid`)).length === 1;

describe('sweepOrphanUploads', () => {
  it('removes old unattached uploads, file and row together, and keeps attached and recent ones', async () => {
    const oldA = await upload(1, hoursAgo(48));
    const oldB = await upload(2, hoursAgo(30));
    const attached = await upload(3, hoursAgo(48));
    const recent = await upload(4, hoursAgo(2));
    await submitComplaint(
      handle.db,
      { description: '垃圾桶满了好几天没人清运。', location: HERE, attachmentIds: [attached.id] },
      { now: hoursAgo(47) },
    );
    for (const u of [oldA, oldB, attached, recent]) expect(existsSync(u.file)).toBe(true);

    const result = await sweepOrphanUploads(handle.db, { now: NOW, olderThanHours: 24, storage, batch: 1 });
    expect(result).toEqual({ removed: 2, failed: 0 });
    for (const u of [oldA, oldB]) {
      expect(existsSync(u.file)).toBe(false);
      expect(await rowExists(u.id)).toBe(false);
    }
    for (const u of [attached, recent]) {
      expect(existsSync(u.file)).toBe(true);
      expect(await rowExists(u.id)).toBe(true);
    }
    // Nothing left to do: a second run removes nothing.
    expect(await sweepOrphanUploads(handle.db, { now: NOW, olderThanHours: 24, storage })).toEqual({
      removed: 0,
      failed: 0,
    });
  });

  it('keeps the row of a file the store failed to delete, and removes it at the next run', async () => {
    const u = await upload(5, hoursAgo(40));
    const broken: BlobStorage = {
      kind: 'local',
      put: storage.put.bind(storage),
      get: storage.get.bind(storage),
      delete: async () => {
        throw new Error('store unavailable');
      },
    };
    expect(await sweepOrphanUploads(handle.db, { now: NOW, olderThanHours: 24, storage: broken })).toEqual({
      removed: 0,
      failed: 1,
    });
    expect(await rowExists(u.id)).toBe(true);
    expect(existsSync(u.file)).toBe(true);
    expect(await sweepOrphanUploads(handle.db, { now: NOW, olderThanHours: 24, storage })).toEqual({
      removed: 1,
      failed: 0,
    });
    expect(await rowExists(u.id)).toBe(false);
    expect(existsSync(u.file)).toBe(false);
  });

  it('refuses a submission that names a swept upload, writing nothing', async () => {
    const u = await upload(6, hoursAgo(30));
    await sweepOrphanUploads(handle.db, { now: NOW, olderThanHours: 24, storage });
    const before = (await queryRow<{ n: number }>(handle.db, sql`select count(*)::int as n from complaints`))!
      .n;
    await expect(
      submitComplaint(handle.db, {
        description: '路灯坏了，晚上很黑。',
        location: HERE,
        attachmentIds: [u.id],
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    const after = (await queryRow<{ n: number }>(handle.db, sql`select count(*)::int as n from complaints`))!
      .n;
    expect(after).toBe(before);
  });
});
