/**
 * Backups that restore, on the engine of the run (PGlite by default, the server when DATABASE_URL is
 * set): a database with a small city and cases in several states is backed up, restored into a fresh
 * database, and every table's row count and the complaints checksum (md5 over the ordered rows) of
 * the restored database are compared with the source's. Also: a non-empty target is refused without
 * --force, a damaged backup is refused, an open embedded folder (the app running) is refused.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorkflowWorld, insertCase } from '@/lib/workflow/testing/fixture';
import {
  backupEmbedded,
  backupServer,
  type DatabaseSummary,
  readBackup,
  restoreEmbedded,
  restoreServer,
  summarizeDatabase,
} from './backup';
import { type DbHandle, openDb } from './client';
import { DataDirLockedError, lockPathOf } from './data-dir-lock';
import { createTestDb, TEMPLATE_DUMP } from './testing/test-db';

const serverUrl = process.env.DATABASE_URL;
const work = mkdtempSync(path.join(tmpdir(), 'suqiu-backup-'));

async function fillCity(handle: DbHandle): Promise<void> {
  const world = await buildWorkflowWorld(handle.db);
  for (const status of ['received', 'dispatched', 'in_progress', 'resolved', 'closed'] as const) {
    await insertCase(handle.db, { status, officeId: world.offices.health, title: `备份测试 ${status}` });
  }
}

async function summaryOf(handle: DbHandle): Promise<DatabaseSummary> {
  return handle.db.transaction((tx) => summarizeDatabase(tx));
}

function expectSameDatabase(restored: DatabaseSummary, source: DatabaseSummary): void {
  expect(Object.keys(restored.rowCounts).length).toBeGreaterThan(30);
  expect(restored.rowCounts).toEqual(source.rowCounts);
  expect(restored.complaintsChecksum).toBe(source.complaintsChecksum);
  expect(restored.migration).toEqual(source.migration);
  expect(source.rowCounts.complaints).toBe(5);
  expect(source.rowCounts.complaint_events).toBeGreaterThanOrEqual(5);
  expect(source.migration.last).toMatch(/^\d{4}_/);
}

function damage(backupDir: string): string {
  const copy = path.join(work, `damaged-${randomBytes(3).toString('hex')}`);
  const { manifest, file } = readBackup(backupDir);
  const bytes = readFileSync(file);
  const middle = Math.floor(bytes.length / 2);
  bytes[middle] = (bytes[middle] ?? 0) ^ 0xff;
  rmSync(copy, { recursive: true, force: true });
  mkdirSync(copy);
  writeFileSync(path.join(copy, manifest.file.name), bytes);
  writeFileSync(path.join(copy, 'manifest.json'), JSON.stringify(manifest));
  return copy;
}

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.runIf(serverUrl)('server backup (pg_dump -Fc / pg_restore)', () => {
  let source: DbHandle;
  let sourceUrl: string;
  const restoredName = `suqiu_test_restore_${process.pid}_${randomBytes(3).toString('hex')}`;
  const withDb = (name: string) => {
    const u = new URL(serverUrl!);
    u.pathname = `/${name}`;
    return u.toString();
  };

  beforeAll(async () => {
    source = await createTestDb();
    sourceUrl = withDb(source.location);
    await fillCity(source);
  });
  afterAll(async () => {
    await source?.close();
    const { Client } = await import('pg');
    const admin = new Client({ connectionString: withDb('postgres') });
    await admin.connect();
    await admin.query(`drop database if exists ${restoredName} with (force)`);
    await admin.end();
  });

  it('restores into a fresh database with the same row counts and complaints checksum', async () => {
    const before = await summaryOf(source);
    const backup = await backupServer({ databaseUrl: sourceUrl, outDir: path.join(work, 'server') });
    expect(backup.manifest.engine).toBe('server');
    expect(backup.manifest.rowCounts).toEqual(before.rowCounts);
    expect(backup.manifest.complaintsChecksum).toBe(before.complaintsChecksum);

    const restored = await restoreServer({ backupDir: backup.dir, databaseUrl: withDb(restoredName) });
    const reopened = await openDb({ databaseUrl: withDb(restoredName), migrate: false });
    try {
      expectSameDatabase(await summaryOf(reopened), before);
      expect(restored.summary.complaintsChecksum).toBe(before.complaintsChecksum);
    } finally {
      await reopened.close();
    }

    // The target now holds data: refused without --force, replaced with it.
    await expect(restoreServer({ backupDir: backup.dir, databaseUrl: withDb(restoredName) })).rejects.toThrow(
      /not empty.*--force/,
    );
    const forced = await restoreServer({
      backupDir: backup.dir,
      databaseUrl: withDb(restoredName),
      force: true,
    });
    expect(forced.summary.rowCounts).toEqual(before.rowCounts);

    await expect(
      restoreServer({ backupDir: damage(backup.dir), databaseUrl: withDb(restoredName), force: true }),
    ).rejects.toThrow(/damaged/);
  }, 180_000);

  it('the checksum changes when a complaint changes', async () => {
    const before = await summaryOf(source);
    const { sql } = await import('drizzle-orm');
    await source.db.execute(
      sql`update complaints set title = title || '!' where id = (select min(id) from complaints)`,
    );
    const after = await summaryOf(source);
    expect(after.rowCounts).toEqual(before.rowCounts);
    expect(after.complaintsChecksum).not.toBe(before.complaintsChecksum);
  });
});

describe.runIf(!serverUrl)('embedded backup (PGlite dumpDataDir / loadDataDir)', () => {
  const sourceDir = path.join(work, 'source');
  const targetDir = path.join(work, 'restored');
  let before: DatabaseSummary;

  beforeAll(async () => {
    // A migrated folder from the test template (fast), then the city through the app's own client.
    const { PGlite } = await import('@electric-sql/pglite');
    const { postgis } = await import('@electric-sql/pglite-postgis');
    const pg = await PGlite.create({
      dataDir: sourceDir,
      loadDataDir: new Blob([readFileSync(TEMPLATE_DUMP)]),
      extensions: { postgis },
    });
    await pg.close();
    const handle = await openDb({ dataDir: sourceDir, migrate: false });
    try {
      await fillCity(handle);
      before = await summaryOf(handle);
    } finally {
      await handle.close();
    }
    expect(existsSync(lockPathOf(sourceDir))).toBe(false); // closing released the lock
  }, 180_000);

  it('restores into a fresh folder with the same row counts and complaints checksum', async () => {
    const backup = await backupEmbedded({ dataDir: sourceDir, outDir: path.join(work, 'embedded') });
    expect(backup.manifest.engine).toBe('embedded');
    expect(backup.manifest.rowCounts).toEqual(before.rowCounts);
    expect(backup.manifest.complaintsChecksum).toBe(before.complaintsChecksum);

    await restoreEmbedded({ backupDir: backup.dir, dataDir: targetDir });
    const reopened = await openDb({ dataDir: targetDir, migrate: false });
    try {
      expectSameDatabase(await summaryOf(reopened), before);
    } finally {
      await reopened.close();
    }

    await expect(restoreEmbedded({ backupDir: backup.dir, dataDir: targetDir })).rejects.toThrow(
      /not empty.*--force/,
    );
    await expect(
      restoreEmbedded({ backupDir: damage(backup.dir), dataDir: targetDir, force: true }),
    ).rejects.toThrow(/damaged/);
    // The refused restores left the folder as it was.
    const again = await openDb({ dataDir: targetDir, migrate: false });
    try {
      expect((await summaryOf(again)).complaintsChecksum).toBe(before.complaintsChecksum);
    } finally {
      await again.close();
    }
  }, 240_000);

  it('refuses a folder another live process has open (the app running), and ignores a stale lock', async () => {
    const holder = {
      pid: process.ppid,
      host: hostname(),
      startedAt: new Date().toISOString(),
      command: 'next start',
    };
    writeFileSync(lockPathOf(sourceDir), JSON.stringify(holder));
    try {
      await expect(
        backupEmbedded({ dataDir: sourceDir, outDir: path.join(work, 'refused') }),
      ).rejects.toThrow(DataDirLockedError);
      await expect(openDb({ dataDir: sourceDir, migrate: false })).rejects.toThrow(/open in another process/);
      writeFileSync(lockPathOf(targetDir), JSON.stringify(holder));
      const backupDir = path.join(work, 'embedded');
      await expect(restoreEmbedded({ backupDir, dataDir: targetDir, force: true })).rejects.toThrow(
        /open in another process/,
      );
    } finally {
      rmSync(lockPathOf(targetDir), { force: true });
    }
    // A lock left by a killed process (no such pid) is stale: taken over.
    writeFileSync(lockPathOf(sourceDir), JSON.stringify({ ...holder, pid: 2 ** 22 + 12_345 }));
    const handle = await openDb({ dataDir: sourceDir, migrate: false });
    expect(JSON.parse(readFileSync(lockPathOf(sourceDir), 'utf8')).pid).toBe(process.pid);
    await handle.close();
    expect(existsSync(lockPathOf(sourceDir))).toBe(false);
  }, 120_000);
});
