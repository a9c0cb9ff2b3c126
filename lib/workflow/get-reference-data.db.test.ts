import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { getReferenceDataVersion } from '@/db/queries/intake';
import { createTestDb } from '@/db/testing/test-db';
import { getReferenceData, resetReferenceData } from './get-reference-data.server';

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
  resetReferenceData();
});
afterAll(async () => {
  resetReferenceData();
  await handle?.close();
});

/** The default check interval (SUQIU_REFERENCE_CACHE_MS unset in tests). */
const CHECK_MS = 5_000;

describe('the reference-data cache', () => {
  it('counts every statement that writes reference data, and nothing else', async () => {
    const db = handle.db;
    const v0 = await getReferenceDataVersion(db);
    await db.execute(
      sql`insert into categories (code, level, name_zh, name_en, color) values ('RV', 1, '测试', 'Test', '#000')`,
    );
    const v1 = await getReferenceDataVersion(db);
    expect(v1).toBe(v0 + 1);
    await db.execute(sql`update categories set name_en = 'Test 2' where code = 'RV'`);
    await db.execute(sql`insert into settings (key, value) values ('reference.test', '1'::jsonb)`);
    await db.execute(sql`delete from settings where key = 'reference.test'`);
    expect(await getReferenceDataVersion(db)).toBe(v1 + 3);
    // A write elsewhere (a complaint's audit record) leaves it.
    await db.execute(
      sql`insert into audit_log (action, target_type, target_id) values ('test', 'none', '0')`,
    );
    expect(await getReferenceDataVersion(db)).toBe(v1 + 3);
    // A rolled-back change does not count.
    await db
      .transaction(async (tx) => {
        await tx.execute(sql`update categories set name_en = 'Rolled back' where code = 'RV'`);
        throw new Error('roll back');
      })
      .catch(() => {});
    expect(await getReferenceDataVersion(db)).toBe(v1 + 3);
  });

  it('keeps its copy while nothing changed and reloads after a change, at the next check', async () => {
    const db = handle.db;
    resetReferenceData();
    const t0 = 1_000_000;
    const first = await getReferenceData(db, { now: t0 });
    expect(first.categories.get('RV')?.nameEn).toBe('Test 2');
    // Checked again after the interval: unchanged, so the very same copy (not reloaded).
    expect(await getReferenceData(db, { now: t0 + CHECK_MS })).toBe(first);
    expect(await getReferenceData(db, { now: t0 + 3 * CHECK_MS })).toBe(first);
    await db.execute(
      sql`insert into categories (code, parent_code, level, name_zh, name_en, color) values ('RV01', 'RV', 2, '测试子类', 'Test child', '#000')`,
    );
    // Within the interval the cached copy still answers; at the next check the change is seen.
    expect(await getReferenceData(db, { now: t0 + 3 * CHECK_MS + 1 })).toBe(first);
    const second = await getReferenceData(db, { now: t0 + 4 * CHECK_MS });
    expect(second).not.toBe(first);
    expect(second.categories.get('RV01')?.nameEn).toBe('Test child');
    expect(await getReferenceData(db, { now: t0 + 5 * CHECK_MS })).toBe(second);
    // Reloaded in full after ten minutes whatever the count says.
    expect(await getReferenceData(db, { now: t0 + 4 * CHECK_MS + 10 * 60_000 })).not.toBe(second);
  });
});
