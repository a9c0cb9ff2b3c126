/**
 * npm run import:requests -- <file.json|file.csv> --mapping <mapping.json> [--batch 500] [--format json|csv]
 *
 * Loads past service requests (GeoReport v2 JSON, or CSV with the header documented in
 * lib/open311/import-source.ts) into the database chosen by DATABASE_URL or SUQIU_DATA_DIR, one
 * transaction per batch, printing progress and then every refused row with its reason. A second run
 * of the same file skips what is already in. Exit code 0 when every row loaded or was skipped,
 * 2 when some were refused, 1 on a bad file or mapping. Never run it against a PGlite folder the app
 * holds open.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { importRequests } from '@/lib/open311/import-requests.server';
import { importMapping, readSourceRows } from '@/lib/open311/import-source';
import { openDb } from '../client';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    mapping: { type: 'string' },
    batch: { type: 'string', default: '500' },
    format: { type: 'string' },
  },
});

const file = positionals[0];
if (!file || !values.mapping) {
  console.error(
    'usage: npm run import:requests -- <file.json|file.csv> --mapping <mapping.json> [--batch 500]',
  );
  process.exit(1);
}
const format = (values.format ?? (file.toLowerCase().endsWith('.csv') ? 'csv' : 'json')) as 'json' | 'csv';
const batchSize = Number(values.batch);
if (!Number.isInteger(batchSize) || batchSize < 1) {
  console.error(`--batch must be a positive integer, got "${values.batch}"`);
  process.exit(1);
}

const mapping = importMapping.parse(JSON.parse(readFileSync(values.mapping, 'utf8')));
const rows = readSourceRows(readFileSync(file, 'utf8'), format);
const handle = await openDb();
const t0 = performance.now();
try {
  console.log(
    `import: ${rows.length} rows from ${file} (${format}) into ${handle.location}, batches of ${batchSize}`,
  );
  const report = await importRequests(handle.db, rows, mapping, {
    batchSize,
    log: (l) => console.log(`import: ${l}`),
  });
  const seconds = (performance.now() - t0) / 1000;
  console.log(
    `import: done in ${seconds.toFixed(1)} s: ${report.loaded} loaded, ${report.skipped} already imported, ${report.rejected.length} refused`,
  );
  for (const r of report.rejected)
    console.log(`refused row ${r.row}${r.sourceId ? ` (${r.sourceId})` : ''}: ${r.reason}`);
  process.exitCode = report.rejected.length > 0 ? 2 : 0;
} finally {
  await handle.close();
}
