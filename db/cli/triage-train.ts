/**
 * npm run triage:train — train the category suggester on staff-confirmed complaints plus the demo
 * city's labelled text and store it as the newest `triage_models` snapshot (the app picks it up within
 * a minute). Uses DATABASE_URL or the embedded PGlite folder (SUQIU_DATA_DIR): never while the app
 * holds the same PGlite folder open.
 */

import { trainTriageModel } from '../../lib/triage/train-triage-model.server';
import { openDb } from '../client';

const t0 = performance.now();
const handle = await openDb();
try {
  const r = await trainTriageModel(handle.db, { trigger: 'command' });
  console.log(
    `triage model #${r.id}: ${r.confirmedCount} confirmed complaints + ${r.corpusCount} labelled texts, ${r.labelCount} categories, ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
} finally {
  await handle.close();
}
