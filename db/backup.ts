/**
 * Backups that restore, for both engines (`npm run db:backup`, `npm run db:restore`).
 *
 * A backup is a folder holding the data file and `manifest.json` (engine, last applied migration,
 * row counts of every table, an md5 checksum of the complaints, creation time, the data file's size
 * and SHA-256). A restore checks the data file against the manifest first and the restored database
 * against it afterwards (every row count and the complaints checksum), and fails loudly otherwise.
 *
 * - Server: `pg_dump -Fc` of the version matching the server (Debian's /usr/lib/postgresql/<major>/bin)
 *   taken on the exported snapshot of the transaction that counted the rows, so the manifest and the
 *   dump describe the same instant under live writes. Restored with `pg_restore --single-transaction`
 *   into a new database, or an existing empty one; a non-empty target is refused unless `force`
 *   (then the database is dropped and created again).
 * - Embedded: PGlite's `dumpDataDir` (a gzipped tarball of the data folder), restored with
 *   `loadDataDir` into a new folder beside the target, verified, then moved into place. Both need the
 *   folder closed: the pid lock (`db/data-dir-lock.ts`) refuses while the app (or any process) has it open.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
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
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { type Db, type DbOrTx, type Engine, openDb } from './client';
import { acquireDataDirLock, DataDirLockedError, readDataDirLock } from './data-dir-lock';
import { MIGRATIONS_FOLDER } from './migrate';
import { queryRow, queryRows } from './sql';

export const MANIFEST_FORMAT = 'suqiu-backup/1';
export const SERVER_FILE = 'database.dump';
export const EMBEDDED_FILE = 'pgdata.tar.gz';

export interface DatabaseSummary {
  /** The last applied migration (its journal tag) and how many are applied. */
  migration: { applied: number; last: string | null };
  /** Exact row counts of every table in the `public` and `drizzle` schemas, by `schema.table` (public without prefix). */
  rowCounts: Record<string, number>;
  /** md5 over the md5 of every complaint row (text form, UTC), in id order. */
  complaintsChecksum: string;
  postgres: string;
}

export interface BackupManifest extends DatabaseSummary {
  format: typeof MANIFEST_FORMAT;
  engine: Engine;
  createdAt: string;
  /** Where it came from: a data folder or server host/database (never a password). */
  source: string;
  file: { name: string; bytes: number; sha256: string };
}

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

// ─── describing a database ────────────────────────────────────────────────────────────────────

function journalTags(): Map<number, string> {
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as {
    entries: { when: number; tag: string }[];
  };
  return new Map(journal.entries.map((e) => [e.when, e.tag]));
}

/** Row counts, checksum and migration state; run it inside a transaction for a consistent picture. */
export async function summarizeDatabase(db: DbOrTx): Promise<DatabaseSummary> {
  // The text form of timestamps and floats depends on session settings: pin them (local to the tx).
  await db.execute(sql`select set_config('TimeZone', 'UTC', true), set_config('DateStyle', 'ISO, YMD', true),
    set_config('extra_float_digits', '1', true), set_config('IntervalStyle', 'postgres', true)`);
  const tables = await queryRows<{ schemaname: string; tablename: string }>(
    db,
    sql`select schemaname, tablename from pg_tables where schemaname in ('public', 'drizzle') order by 1, 2`,
  );
  const rowCounts: Record<string, number> = {};
  for (let i = 0; i < tables.length; i += 40) {
    const part = tables.slice(i, i + 40);
    const union = sql.join(
      part.map(
        (t) =>
          sql`select ${`${t.schemaname}.${t.tablename}`}::text as name, count(*)::bigint as n from ${sql.identifier(t.schemaname)}.${sql.identifier(t.tablename)}`,
      ),
      sql` union all `,
    );
    for (const row of await queryRows<{ name: string; n: string | number }>(db, union)) {
      rowCounts[row.name.replace(/^public\./, '')] = Number(row.n);
    }
  }
  const checksum = await queryRow<{ checksum: string }>(
    db,
    sql`select md5(coalesce(string_agg(md5(c::text), '' order by c.id), '')) as checksum from complaints c`,
  );
  let migration: DatabaseSummary['migration'] = { applied: 0, last: null };
  if (rowCounts['drizzle.__drizzle_migrations'] !== undefined) {
    const last = await queryRow<{ created_at: string | number; applied: string | number }>(
      db,
      sql`select max(created_at) as created_at, count(*) as applied from drizzle.__drizzle_migrations`,
    );
    const when = Number(last?.created_at);
    migration = {
      applied: Number(last?.applied ?? 0),
      last: journalTags().get(when) ?? (when ? String(when) : null),
    };
  }
  const version = await queryRow<{ v: string }>(db, sql`select current_setting('server_version') as v`);
  return { migration, rowCounts, complaintsChecksum: checksum?.checksum ?? '', postgres: version?.v ?? '' };
}

/** Every difference between what a backup promised and what a database holds (empty: identical). */
export function compareSummaries(expected: DatabaseSummary, actual: DatabaseSummary): string[] {
  const problems: string[] = [];
  const names = new Set([...Object.keys(expected.rowCounts), ...Object.keys(actual.rowCounts)]);
  for (const name of [...names].sort()) {
    const a = expected.rowCounts[name];
    const b = actual.rowCounts[name];
    if (a !== b) problems.push(`${name}: ${a ?? 'missing'} rows in the backup, ${b ?? 'missing'} restored`);
  }
  if (expected.complaintsChecksum !== actual.complaintsChecksum) {
    problems.push(
      `complaints checksum ${expected.complaintsChecksum} in the backup, ${actual.complaintsChecksum} restored`,
    );
  }
  if (expected.migration.last !== actual.migration.last) {
    problems.push(`migration ${expected.migration.last} in the backup, ${actual.migration.last} restored`);
  }
  return problems;
}

// ─── files ────────────────────────────────────────────────────────────────────────────────────

function sha256File(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

export function defaultBackupDir(engine: Engine, at = new Date()): string {
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return path.join('.data', 'backups', `suqiu-${engine}-${stamp}`);
}

function prepareOutDir(outDir: string): void {
  if (existsSync(outDir) && readdirSync(outDir).length > 0) {
    throw new BackupError(`${outDir} already exists and is not empty: choose another folder`);
  }
  mkdirSync(outDir, { recursive: true });
}

function writeManifest(outDir: string, manifest: BackupManifest): void {
  writeFileSync(path.join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** Read a backup folder's manifest and check its data file is whole (size and SHA-256). */
export function readBackup(backupDir: string): { manifest: BackupManifest; file: string } {
  const manifestFile = path.join(backupDir, 'manifest.json');
  if (!existsSync(manifestFile)) throw new BackupError(`${backupDir} is not a backup: no manifest.json`);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as BackupManifest;
  if (manifest.format !== MANIFEST_FORMAT)
    throw new BackupError(`${manifestFile}: unknown format ${manifest.format}`);
  const file = path.join(backupDir, manifest.file.name);
  if (!existsSync(file)) throw new BackupError(`${file} is missing`);
  const bytes = statSync(file).size;
  if (bytes !== manifest.file.bytes || sha256File(file) !== manifest.file.sha256) {
    throw new BackupError(`${file} does not match its manifest (size or SHA-256): the backup is damaged`);
  }
  return { manifest, file };
}

// ─── server (pg_dump / pg_restore) ────────────────────────────────────────────────────────────

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

function databaseOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

function redact(url: string): string {
  const u = new URL(url);
  return `${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
}

/** pg_dump / pg_restore of the server's major version (Debian installs them side by side). */
export function pgTool(tool: 'pg_dump' | 'pg_restore', serverVersionNum: number): string {
  if (process.env.PG_BIN) return path.join(process.env.PG_BIN, tool);
  const major = Math.floor(serverVersionNum / 10_000);
  const debian = `/usr/lib/postgresql/${major}/bin/${tool}`;
  return existsSync(debian) ? debian : tool;
}

function run(command: string, args: string[], env: Record<string, string> = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: ['ignore', 'inherit', 'pipe'],
      env: { ...process.env, ...env },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', (error) =>
      reject(new BackupError(`${command}: ${error.message} (is it installed? set PG_BIN)`)),
    );
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new BackupError(`${path.basename(command)} failed (${code}): ${stderr.trim()}`)),
    );
  });
}

async function serverVersionNum(db: DbOrTx): Promise<number> {
  const row = await queryRow<{ v: string }>(db, sql`select current_setting('server_version_num') as v`);
  return Number(row?.v);
}

export interface BackupResult {
  dir: string;
  manifest: BackupManifest;
  ms: number;
}

/** `pg_dump -Fc` of the database at `databaseUrl` into `outDir`, consistent with its manifest. */
export async function backupServer(params: { databaseUrl: string; outDir?: string }): Promise<BackupResult> {
  const t0 = performance.now();
  const outDir = params.outDir ?? defaultBackupDir('server');
  prepareOutDir(outDir);
  const file = path.join(outDir, SERVER_FILE);
  const handle = await openDb({ databaseUrl: params.databaseUrl, migrate: false });
  try {
    const summary = await handle.db.transaction(
      async (tx) => {
        const snapshot = await queryRow<{ id: string }>(tx, sql`select pg_export_snapshot() as id`);
        const summary = await summarizeDatabase(tx);
        const u = new URL(params.databaseUrl);
        const password = decodeURIComponent(u.password);
        u.password = '';
        await run(
          pgTool('pg_dump', await serverVersionNum(tx)),
          ['-Fc', '--no-owner', `--snapshot=${snapshot!.id}`, '-f', file, '-d', u.toString()],
          password ? { PGPASSWORD: password } : {},
        );
        return summary;
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    const manifest: BackupManifest = {
      format: MANIFEST_FORMAT,
      engine: 'server',
      createdAt: new Date().toISOString(),
      source: redact(params.databaseUrl),
      ...summary,
      file: { name: SERVER_FILE, bytes: statSync(file).size, sha256: sha256File(file) },
    };
    writeManifest(outDir, manifest);
    return { dir: outDir, manifest, ms: Math.round(performance.now() - t0) };
  } finally {
    await handle.close();
  }
}

async function admin<T>(url: string, fn: (client: import('pg').Client) => Promise<T>): Promise<T> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: withDatabase(url, 'postgres') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export interface RestoreResult {
  target: string;
  manifest: BackupManifest;
  summary: DatabaseSummary;
  ms: number;
}

/**
 * Restore a server backup into the database named by `databaseUrl`: created when missing; refused
 * when it holds any table unless `force` (then dropped — its connections closed — and created again).
 */
export async function restoreServer(params: {
  backupDir: string;
  databaseUrl: string;
  force?: boolean;
}): Promise<RestoreResult> {
  const t0 = performance.now();
  const { manifest, file } = readBackup(params.backupDir);
  if (manifest.engine !== 'server') {
    throw new BackupError(
      `${params.backupDir} is a backup of the ${manifest.engine} engine: restore it with SUQIU_DATA_DIR, not DATABASE_URL`,
    );
  }
  const name = databaseOf(params.databaseUrl);
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new BackupError(`unusable database name "${name}"`);
  const versionNum = await admin(params.databaseUrl, async (client) => {
    const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount) {
      const tables = await countUserTables(params.databaseUrl);
      if (tables > 0 && !params.force) {
        throw new BackupError(
          `database ${name} is not empty (${tables} tables): restore into a new or empty database, or pass --force to replace it`,
        );
      }
      if (tables > 0) {
        await client.query(`drop database "${name}" with (force)`);
        await client.query(`create database "${name}"`);
      }
    } else {
      await client.query(`create database "${name}"`);
    }
    const v = await client.query<{ v: string }>(`select current_setting('server_version_num') as v`);
    return Number(v.rows[0]?.v);
  });
  const u = new URL(params.databaseUrl);
  const password = decodeURIComponent(u.password);
  u.password = '';
  await run(
    pgTool('pg_restore', versionNum),
    ['--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', '-d', u.toString(), file],
    password ? { PGPASSWORD: password } : {},
  );
  const handle = await openDb({ databaseUrl: params.databaseUrl, migrate: false });
  try {
    const summary = await handle.db.transaction((tx) => summarizeDatabase(tx));
    assertSame(manifest, summary, name);
    return { target: redact(params.databaseUrl), manifest, summary, ms: Math.round(performance.now() - t0) };
  } finally {
    await handle.close();
  }
}

async function countUserTables(url: string): Promise<number> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query<{ n: string }>(
      `select count(*) as n from pg_tables where schemaname not in ('pg_catalog', 'information_schema')
         and not (schemaname = 'public' and tablename = 'spatial_ref_sys')`,
    );
    return Number(r.rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

function assertSame(manifest: BackupManifest, summary: DatabaseSummary, target: string): void {
  const problems = compareSummaries(manifest, summary);
  if (problems.length > 0) {
    throw new BackupError(`restored ${target} differs from the backup:\n  ${problems.join('\n  ')}`);
  }
}

// ─── embedded (PGlite dumpDataDir / loadDataDir) ──────────────────────────────────────────────

function refuseIfOpen(dataDir: string): void {
  const holder = readDataDirLock(dataDir);
  if (holder && holder.pid !== process.pid) throw new DataDirLockedError(dataDir, holder);
}

/** Dump an embedded data folder (closed: refused while another process has it open). */
export async function backupEmbedded(params: { dataDir: string; outDir?: string }): Promise<BackupResult> {
  const t0 = performance.now();
  if (!existsSync(path.join(params.dataDir, 'PG_VERSION'))) {
    throw new BackupError(`${params.dataDir} is not a PGlite data folder (no PG_VERSION)`);
  }
  refuseIfOpen(params.dataDir);
  const outDir = params.outDir ?? defaultBackupDir('embedded');
  // databaseUrl '' (not undefined): this folder even when DATABASE_URL is set. Takes the lock.
  const handle = await openDb({ databaseUrl: '', dataDir: params.dataDir, migrate: false });
  try {
    prepareOutDir(outDir);
    const summary = await handle.db.transaction((tx) => summarizeDatabase(tx));
    const dump = await pgliteOf(handle.db).dumpDataDir('gzip');
    const file = path.join(outDir, EMBEDDED_FILE);
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    const manifest: BackupManifest = {
      format: MANIFEST_FORMAT,
      engine: 'embedded',
      createdAt: new Date().toISOString(),
      source: params.dataDir,
      ...summary,
      file: { name: EMBEDDED_FILE, bytes: statSync(file).size, sha256: sha256File(file) },
    };
    writeManifest(outDir, manifest);
    return { dir: outDir, manifest, ms: Math.round(performance.now() - t0) };
  } finally {
    await handle.close();
  }
}

function pgliteOf(db: Db): import('@electric-sql/pglite').PGlite {
  // biome-ignore lint/suspicious/noExplicitAny: reach the PGlite client behind drizzle.
  return (db as any).$client;
}

function isEmptyDir(dir: string): boolean {
  return !existsSync(dir) || readdirSync(dir).length === 0;
}

/**
 * Restore an embedded backup into `dataDir`: loaded into a sibling folder, verified against the
 * manifest, then moved into place. A non-empty target is refused unless `force` (then replaced only
 * after the new folder verified). Refused while any process has the target open.
 */
export async function restoreEmbedded(params: {
  backupDir: string;
  dataDir: string;
  force?: boolean;
}): Promise<RestoreResult> {
  const t0 = performance.now();
  const { manifest, file } = readBackup(params.backupDir);
  if (manifest.engine !== 'embedded') {
    throw new BackupError(
      `${params.backupDir} is a backup of the ${manifest.engine} engine: restore it with DATABASE_URL`,
    );
  }
  const target = path.resolve(params.dataDir);
  if (!isEmptyDir(target) && !params.force) {
    throw new BackupError(
      `${params.dataDir} is not empty: restore into a new or empty folder, or pass --force to replace it`,
    );
  }
  mkdirSync(path.dirname(target), { recursive: true });
  const unlock = acquireDataDirLock(target); // refuses while the app (or anyone) has it open
  const staging = `${target}.restoring-${process.pid}`;
  try {
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    const { PGlite } = await import('@electric-sql/pglite');
    const { postgis } = await import('@electric-sql/pglite-postgis');
    const { drizzle } = await import('drizzle-orm/pglite');
    const schema = await import('./schema');
    const client = await PGlite.create({
      dataDir: staging,
      loadDataDir: new Blob([readFileSync(file)]),
      extensions: { postgis },
    });
    let summary: DatabaseSummary;
    try {
      const db = drizzle(client, { schema }) as unknown as Db;
      summary = await db.transaction((tx) => summarizeDatabase(tx));
    } finally {
      await client.close();
    }
    assertSame(manifest, summary, params.dataDir);
    rmSync(target, { recursive: true, force: true });
    renameSync(staging, target);
    return { target: params.dataDir, manifest, summary, ms: Math.round(performance.now() - t0) };
  } finally {
    rmSync(staging, { recursive: true, force: true });
    unlock();
  }
}
