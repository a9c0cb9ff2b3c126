/**
 * Test databases on a real PostGIS, never a mock, and never shared tables.
 *
 * - Embedded (default): the global setup migrates one PGlite folder and dumps it to a tarball;
 *   each test file starts its own in-memory PGlite from that dump (≈ 2–4 s instead of ≈ 17 s), with
 *   PostGIS's bundle minus the parts the schema never uses (testPostgis below).
 * - Server (`DATABASE_URL` set): the global setup migrates a template database; each test file
 *   gets `CREATE DATABASE … TEMPLATE` of it, dropped when the file is done.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { DbHandle } from '../client';
import { MIGRATIONS_FOLDER } from '../migrate';
import type { SeedOptions } from '../seed/context';

/** The dump is named after the migrations it holds, so a schema change makes a new one. */
function migrationsHash(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(MIGRATIONS_FOLDER).sort()) {
    if (file.endsWith('.sql')) hash.update(file).update(readFileSync(path.join(MIGRATIONS_FOLDER, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

export const TEMPLATE_DB = `suqiu_test_template_${migrationsHash()}`;
export const TEMPLATE_DUMP = path.join(process.cwd(), '.data', `test-template-${migrationsHash()}.tar.gz`);

/**
 * PostGIS for a test database: the package's extension bundle without raster, topology and the tiger
 * geocoder (no migration creates them). PGlite compiles every library of a bundle when it starts,
 * and those two are 31 MB of WebAssembly: ≈ 1 s of CPU for each test file. The same postgis-3
 * library and scripts; the slim bundle is made once next to the dump.
 */
async function testPostgis() {
  const { postgis } = await import('@electric-sql/pglite-postgis');
  const dist = path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite-postgis'));
  const full = path.join(dist, 'postgis.tar.gz');
  const { size, mtimeMs } = statSync(full);
  const key = createHash('sha256').update(`${full} ${size} ${mtimeMs}`).digest('hex').slice(0, 16);
  const slim = path.join(process.cwd(), '.data', `test-postgis-${key}.tar.gz`);
  if (!existsSync(slim)) {
    const tar = gunzipSync(readFileSync(full));
    const kept: Buffer[] = [];
    // A tar is 512-byte headers (name at 0, octal size at 124), each followed by its data padded to 512.
    for (let at = 0; at + 512 <= tar.length; ) {
      const header = tar.subarray(at, at + 512);
      if (header.every((b) => b === 0)) break;
      const name = header.toString('utf8', 0, 100).replace(/\0.*$/s, '');
      const bytes = Number.parseInt(header.toString('utf8', 124, 136).replace(/\0.*$/s, '').trim() || '0', 8);
      const end = at + 512 + Math.ceil(bytes / 512) * 512;
      if (!/raster|topology|tiger/.test(path.basename(name))) kept.push(tar.subarray(at, end));
      at = end;
    }
    kept.push(Buffer.alloc(1024));
    mkdirSync(path.dirname(slim), { recursive: true });
    const partial = `${slim}.${process.pid}`;
    writeFileSync(partial, gzipSync(Buffer.concat(kept), { level: 1 }));
    renameSync(partial, slim);
  }
  return {
    ...postgis,
    setup: async (...args: Parameters<typeof postgis.setup>) => ({
      ...(await postgis.setup(...args)),
      bundlePath: pathToFileURL(slim),
    }),
  };
}

/** The same server URL pointing at another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** One statement on the server's `postgres` database (create or drop a database). */
export async function adminQuery(url: string, text: string): Promise<void> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: withDatabase(url, 'postgres') });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/**
 * Drop a test database once the pool's sockets are really gone: `pool.end()` resolves while its
 * connections are still closing, and `DROP … WITH (FORCE)` would then kill one mid-close, which
 * surfaces as an uncaught "terminating connection due to administrator command" in the test run.
 * `then` is the statement to run once idle (a seeded template is renamed into place the same way).
 */
async function dropWhenIdle(
  url: string,
  name: string,
  then = `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`,
) {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: withDatabase(url, 'postgres') });
  await client.connect();
  try {
    for (let i = 0; i < 50; i++) {
      const { rows } = await client.query<{ n: number }>(
        'select count(*)::int as n from pg_stat_activity where datname = $1',
        [name],
      );
      if ((rows[0]?.n ?? 0) === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await client.query(then);
  } finally {
    await client.end();
  }
}

/** Called once per test run (vitest globalSetup): prepares the template for `createTestDb`. */
export async function prepareTestTemplate(): Promise<void> {
  const { openDb } = await import('../client');
  const url = process.env.DATABASE_URL;
  if (url) {
    // Named after the migrations it holds: made once, reused by later runs and parallel workers.
    const { Client } = await import('pg');
    const admin = new Client({ connectionString: withDatabase(url, 'postgres') });
    await admin.connect();
    try {
      const exists = await admin.query('select 1 from pg_database where datname = $1', [TEMPLATE_DB]);
      if (exists.rowCount) return;
      const building = `${TEMPLATE_DB}_${process.pid}`;
      await admin.query(`CREATE DATABASE ${building}`);
      const handle = await openDb({ databaseUrl: withDatabase(url, building) });
      await handle.close();
      await admin.query(`ALTER DATABASE ${building} RENAME TO ${TEMPLATE_DB}`).catch(async () => {
        await admin.query(`DROP DATABASE IF EXISTS ${building}`); // another run won the race
      });
    } finally {
      await admin.end();
    }
    return;
  }
  await testPostgis(); // made once here rather than by parallel test files
  if (existsSync(TEMPLATE_DUMP)) return;
  const handle = await openDb({ dataDir: 'memory://' });
  // biome-ignore lint/suspicious/noExplicitAny: reach the PGlite client behind drizzle.
  const client = (handle.db as any).$client as import('@electric-sql/pglite').PGlite;
  const dump = await client.dumpDataDir('gzip');
  mkdirSync(path.dirname(TEMPLATE_DUMP), { recursive: true });
  writeFileSync(TEMPLATE_DUMP, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
}

/** A fresh, migrated, empty database of its own for one test file. Close it in `afterAll`. */
export async function createTestDb(): Promise<DbHandle> {
  const { refuseDatabaseOutsideDbTests } = await import('../client');
  refuseDatabaseOutsideDbTests();
  const url = process.env.DATABASE_URL;
  if (url) return copyServerDb(url, TEMPLATE_DB);
  if (!existsSync(TEMPLATE_DUMP)) await prepareTestTemplate();
  return loadDump(TEMPLATE_DUMP);
}

/** A new server database copied from `template`, dropped on close. */
async function copyServerDb(url: string, template: string): Promise<DbHandle> {
  const name = `suqiu_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await adminQuery(url, `CREATE DATABASE ${name} TEMPLATE ${template}`);
  const { openDb } = await import('../client');
  const handle = await openDb({ databaseUrl: withDatabase(url, name), migrate: false });
  return {
    ...handle,
    location: name,
    close: async () => {
      await handle.close();
      await dropWhenIdle(url, name);
    },
  };
}

/** An in-memory PGlite started from a dump (the migrated template, or a seeded city). */
async function loadDump(dump: string): Promise<DbHandle> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const schema = await import('../schema');
  const client = await PGlite.create({
    loadDataDir: new Blob([readFileSync(dump)]),
    extensions: { postgis: await testPostgis() },
  });
  const db = drizzle(client, { schema }) as unknown as DbHandle['db'];
  return { db, engine: 'embedded', location: 'memory://test', close: () => client.close() };
}

/** The options of a seeded test city: the seed's own (db/seed/index.ts) but for its log. */
export type TestCityOptions = Partial<Omit<SeedOptions, 'log'>>;

/** Names one test run (vitest.global-setup.ts), so its seeded cities are its own and removed after it. */
export const TEST_RUN_KEY = 'suqiuTestRun';
declare module 'vitest' {
  export interface ProvidedContext {
    suqiuTestRun: string;
  }
}
const cityPrefix = (run: string) => ({
  file: path.join(process.cwd(), '.data', `test-city-${run}-`),
  database: `suqiu_test_city_${run}_`,
});

/**
 * A database of its own holding the demo city seeded with `options`, for one test file. Files that
 * ask for the same city (the hot-spot, DBSCAN and clue tests: 4 000 complaints on 1 % of the census)
 * share one seeding per test run: the first seeds and keeps the result (a dump next to the migrated
 * one, or a template database on the server), the others wait for it and start from a copy. The same
 * rows as seeding in each file: the seed is deterministic and the copy is byte for byte.
 */
export async function createSeededTestDb(options: TestCityOptions): Promise<DbHandle> {
  const { defaultSeedOptions, seedDemoCity } = await import('../seed/index');
  const { inject } = await import('vitest');
  const seedOptions = defaultSeedOptions({ ...options, log: () => {} });
  const { log: _log, ...keyed } = seedOptions;
  const key = createHash('sha256').update(JSON.stringify(keyed)).digest('hex').slice(0, 12);
  const prefix = cityPrefix(inject(TEST_RUN_KEY));
  const base = `${prefix.file}${key}`;
  const url = process.env.DATABASE_URL;
  const template = `${prefix.database}${key}`;
  const ready = url
    ? async () => {
        const { Client } = await import('pg');
        const admin = new Client({ connectionString: withDatabase(url, 'postgres') });
        await admin.connect();
        try {
          const found = await admin.query('select 1 from pg_database where datname = $1', [template]);
          return Boolean(found.rowCount);
        } finally {
          await admin.end();
        }
      }
    : async () => existsSync(`${base}.tar.gz`);
  mkdirSync(path.dirname(base), { recursive: true });
  let builder = false;
  try {
    writeFileSync(`${base}.lock`, String(process.pid), { flag: 'wx' });
    builder = true;
  } catch {
    // Another file is seeding this city (or has): wait for it below.
  }
  if (builder) {
    try {
      if (url) {
        // Seeded in a database of its own, then renamed: waiting files see the template only when done.
        const building = `${template}_b`;
        await adminQuery(url, `CREATE DATABASE ${building} TEMPLATE ${TEMPLATE_DB}`);
        const { openDb } = await import('../client');
        const handle = await openDb({ databaseUrl: withDatabase(url, building), migrate: false });
        try {
          await seedDemoCity(handle.db, seedOptions);
        } finally {
          await handle.close();
        }
        await dropWhenIdle(url, building, `ALTER DATABASE ${building} RENAME TO ${template}`);
      } else {
        const handle = await createTestDb();
        await seedDemoCity(handle.db, seedOptions);
        // biome-ignore lint/suspicious/noExplicitAny: reach the PGlite client behind drizzle.
        const client = (handle.db as any).$client as import('@electric-sql/pglite').PGlite;
        const dump = await client.dumpDataDir('gzip');
        writeFileSync(`${base}.partial`, Buffer.from(await dump.arrayBuffer()));
        renameSync(`${base}.partial`, `${base}.tar.gz`);
        return handle; // this file goes on with the city it seeded
      }
    } catch (error) {
      writeFileSync(`${base}.failed`, String((error as Error).stack ?? error));
      throw error;
    }
  } else {
    while (!(await ready())) {
      if (existsSync(`${base}.failed`))
        throw new Error('seeding the shared test city failed in another file');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  return url ? copyServerDb(url, template) : loadDump(`${base}.tar.gz`);
}

/** The end of a test run (vitest.global-setup.ts): its seeded cities, dumps and template databases, go. */
export async function removeTestCities(run: string): Promise<void> {
  const prefix = cityPrefix(run);
  const dir = path.dirname(prefix.file);
  if (existsSync(dir)) {
    for (const file of readdirSync(dir)) {
      if (file.startsWith(path.basename(prefix.file))) rmSync(path.join(dir, file), { force: true });
    }
  }
  const url = process.env.DATABASE_URL;
  if (!url) return;
  const { Client } = await import('pg');
  const admin = new Client({ connectionString: withDatabase(url, 'postgres') });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(
      'select datname from pg_database where starts_with(datname, $1)',
      [prefix.database],
    );
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
