/**
 * npm run triage:train [-- --force] — train a new version of the category suggester on the team's
 * corpus (db/seed/data/triage-corpus) plus staff-confirmed complaints, and store it in
 * `triage_models`. It becomes the active model if it beats the active one on the held-out slice of
 * confirmed cases (or that slice is too small to tell, or with --force); the app picks it up within a
 * minute. Uses DATABASE_URL or the embedded PGlite folder (SUQIU_DATA_DIR): never while the app
 * holds the same PGlite folder open.
 */
import { parseArgs } from 'node:util';
import { openDb } from '../db/client';
import { trainTriageModel } from '../lib/triage/train-triage-model.server';

const { values } = parseArgs({ options: { force: { type: 'boolean', default: false } } });
const t0 = performance.now();
const handle = await openDb();
try {
  const r = await trainTriageModel(handle.db, { trigger: 'command', force: values.force });
  console.log(
    `triage model #${r.id}: ${r.confirmedCount} confirmed complaints + ${r.corpusCount} corpus texts, ${r.labelCount} categories, C ${r.metrics.c}, temperature ${r.metrics.temperature.toFixed(2)}, inner macro-F1 ${(r.metrics.innerMacroF1 * 100).toFixed(1)}%, ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  console.log(`${r.promoted ? 'promoted' : 'kept as a candidate'}: ${r.metrics.decision}`);
} finally {
  await handle.close();
}
