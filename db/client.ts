/**
 * The one database client factory.
 *
 * - `DATABASE_URL` set   → PostgreSQL + PostGIS server through node-postgres.
 * - `DATABASE_URL` unset → embedded PGlite + PostGIS in `SUQIU_DATA_DIR` (default `.data/pglite`).
 *
 * PGlite has no lock on its data folder: two instances on one folder silently lose writes. The
 * client is therefore a promise cached on `globalThis`, so concurrent first requests and `next dev`
 * hot reloads share one instance per process, and a pid lock beside the folder (`db/data-dir-lock.ts`)
 * refuses a second process. Migrations apply themselves on first use.
 */
import * as schema from './schema';
import type { Db, DbHandle } from './types';

export type { Db, DbHandle, DbOrTx, Engine, Schema, Tx } from './types';

export interface OpenOptions {
  databaseUrl?: string;
  dataDir?: string;
  /** Apply pending migrations (default true). */
  migrate?: boolean;
}

export function defaultDataDir(): string {
  return process.env.SUQIU_DATA_DIR ?? '.data/pglite';
}

/**
 * Tests: only `*.db.test.ts` files may open a database (lib/testing/vitest-setup.ts marks every other
 * test file, and the processes it starts, with SUQIU_TEST_WITHOUT_DB). CI runs only those files on
 * the second engine, so a database test under another name would silently skip PostgreSQL there.
 */
export function refuseDatabaseOutsideDbTests(): void {
  const file = process.env.SUQIU_TEST_WITHOUT_DB;
  if (file)
    throw new Error(`${file} opens a database: name it *.db.test.ts (see lib/testing/vitest-setup.ts)`);
}

/** Open a new handle. Prefer `getDb()`; use this only for tests and scripts that own their database. */
export async function openDb(options: OpenOptions = {}): Promise<DbHandle> {
  refuseDatabaseOutsideDbTests();
  const url = options.databaseUrl ?? process.env.DATABASE_URL;
  const handle = url ? await openServer(url) : await openEmbedded(options.dataDir ?? defaultDataDir());
  if (options.migrate !== false) {
    const { migrateDb } = await import('./migrate');
    await migrateDb(handle);
  }
  return handle;
}

async function openServer(url: string): Promise<DbHandle> {
  const { Pool } = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const pool = new Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_MAX ?? 10) });
  const db = drizzle(pool, { schema }) as unknown as Db;
  const { allowNamedStatements } = await import('./sql');
  allowNamedStatements(db, pool);
  const parsed = new URL(url);
  return {
    db,
    engine: 'server',
    location: `${parsed.hostname}${parsed.pathname}`,
    close: () => pool.end(),
  };
}

async function openEmbedded(dataDir: string): Promise<DbHandle> {
  const { mkdirSync } = await import('node:fs');
  const { PGlite } = await import('@electric-sql/pglite');
  const { postgis } = await import('@electric-sql/pglite-postgis');
  const { drizzle } = await import('drizzle-orm/pglite');
  let unlock = () => {};
  if (!dataDir.startsWith('memory://')) {
    mkdirSync(dataDir, { recursive: true });
    // PGlite has no lock: refuse a folder another live process holds (see db/data-dir-lock.ts).
    const { acquireDataDirLock } = await import('./data-dir-lock');
    unlock = acquireDataDirLock(dataDir);
  }
  const client = await PGlite.create({ dataDir, extensions: { postgis } }).catch((error: unknown) => {
    unlock();
    throw error;
  });
  // PGlite runs each statement synchronously on this thread, and a chain of awaited statements never
  // returns to the event loop: one leader's /stats request held every other request (even ones not
  // touching the database) until it was done. Yielding to the event loop before each statement lets
  // requests that arrived meanwhile queue their statements between its statements.
  const query = client.query.bind(client);
  client.query = (async (...args: Parameters<typeof query>) => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    return query(...args);
  }) as typeof client.query;
  const db = drizzle(client, { schema }) as unknown as Db;
  return {
    db,
    engine: 'embedded',
    location: dataDir,
    close: () => client.close().finally(unlock),
  };
}

const globalForDb = globalThis as unknown as { __suqiuDb?: Promise<DbHandle> };

/** The process-wide handle (one PGlite instance per process, even across hot reloads). */
export function getDbHandle(): Promise<DbHandle> {
  if (!globalForDb.__suqiuDb) {
    globalForDb.__suqiuDb = openDb().catch((error: unknown) => {
      globalForDb.__suqiuDb = undefined;
      throw error;
    });
  }
  return globalForDb.__suqiuDb;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}
