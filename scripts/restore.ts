/**
 * npm run db:restore -- <backup folder> [--to <database url> | --data-dir <folder>] [--force]
 *
 * Restore a backup made by `npm run db:backup` into a fresh database of its engine and check it
 * against the backup's manifest (row counts of every table, complaints checksum).
 * - Server backup: into `--to` (default DATABASE_URL); the database is created when missing.
 * - Embedded backup: into `--data-dir` (default SUQIU_DATA_DIR or .data/pglite); refused while the
 *   app has that folder open.
 * A target that already holds data is refused unless --force, which replaces it.
 */
import { parseArgs } from 'node:util';
import { readBackup, restoreEmbedded, restoreServer } from '../db/backup';
import { defaultDataDir } from '../db/client';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    to: { type: 'string' },
    'data-dir': { type: 'string' },
    force: { type: 'boolean', default: false },
  },
});
try {
  const backupDir = positionals[0];
  if (!backupDir)
    throw new Error(
      'usage: npm run db:restore -- <backup folder> [--to <url> | --data-dir <folder>] [--force]',
    );
  const { manifest } = readBackup(backupDir);
  let result: Awaited<ReturnType<typeof restoreServer>>;
  if (manifest.engine === 'server') {
    const url = values.to ?? process.env.DATABASE_URL;
    if (!url) throw new Error('a server backup needs a target: --to postgres://… or DATABASE_URL');
    result = await restoreServer({ backupDir, databaseUrl: url, force: values.force });
  } else {
    const dataDir = values['data-dir'] ?? defaultDataDir();
    result = await restoreEmbedded({ backupDir, dataDir, force: values.force });
  }
  console.log(
    `restore: ${backupDir} (${manifest.engine}, ${manifest.createdAt}) → ${result.target}: ` +
      `${Object.keys(result.summary.rowCounts).length} tables and the complaints checksum match the manifest ` +
      `(${result.summary.rowCounts.complaints ?? 0} complaints, ${(result.ms / 1000).toFixed(1)} s)`,
  );
} catch (error) {
  console.error(`restore failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
