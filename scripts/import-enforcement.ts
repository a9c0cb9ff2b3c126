/**
 * npm run import:enforcement -- <file.csv>
 * Loads enforcement records (format in lib/clues/import-enforcement.server.ts) into the database
 * chosen by DATABASE_URL or SUQIU_DATA_DIR, and lists every refused row with its reason.
 */
import { readFileSync } from 'node:fs';
import { openDb } from '../db/client';
import { importEnforcementCsv } from '../lib/clues/import-enforcement.server';

const file = process.argv[2];
if (!file) {
  console.error('usage: npm run import:enforcement -- <file.csv>');
  process.exit(2);
}
const handle = await openDb();
try {
  const result = await importEnforcementCsv(handle.db, readFileSync(file, 'utf8'));
  console.log(
    `enforcement: ${result.inserted} loaded, ${result.alreadyKnown} already known, ${result.rejected.length} refused`,
  );
  for (const r of result.rejected) console.log(`  line ${r.line}: ${r.reason}`);
  process.exitCode = result.rejected.length > 0 ? 1 : 0;
} finally {
  await handle.close();
}
