/**
 * npm run db:backup -- [--out <folder>]
 *
 * Back up the database chosen by DATABASE_URL (server: pg_dump -Fc of the server's version) or
 * SUQIU_DATA_DIR (embedded PGlite folder, default .data/pglite: refused while the app has it open)
 * into a new folder (default .data/backups/suqiu-<engine>-<time>/) with a manifest.json: engine,
 * last migration, row counts of every table, complaints checksum, file size and SHA-256.
 */
import { parseArgs } from 'node:util';
import { backupEmbedded, backupServer } from '../db/backup';
import { defaultDataDir } from '../db/client';

const { values } = parseArgs({ options: { out: { type: 'string' } } });
const url = process.env.DATABASE_URL;
try {
  const result = url
    ? await backupServer({ databaseUrl: url, outDir: values.out })
    : await backupEmbedded({ dataDir: defaultDataDir(), outDir: values.out });
  const m = result.manifest;
  const rows = Object.values(m.rowCounts).reduce((a, b) => a + b, 0);
  console.log(
    `backup: ${m.engine} database ${m.source} → ${result.dir} (${(m.file.bytes / 1e6).toFixed(1)} MB, ` +
      `${rows} rows in ${Object.keys(m.rowCounts).length} tables, ${m.rowCounts.complaints ?? 0} complaints, ` +
      `migration ${m.migration.last}, ${(result.ms / 1000).toFixed(1)} s)`,
  );
} catch (error) {
  console.error(`backup failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
