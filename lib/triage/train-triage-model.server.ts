import 'server-only';
import type { DbOrTx } from '@/db/client';
import {
  deleteOldTriageModels,
  insertTriageModel,
  listConfirmedCategoryTexts,
  listLeafCategoryCodes,
} from '@/db/queries/triage';
import { textFeatures } from './features';
import { DEMO_LABELLED_CSV, type LabelledText, readLabelledCsv } from './read-labelled-csv';
import { segmentWords } from './segment';
import { serializeTextClassifier, trainTextClassifier } from './text-classifier';

export const TRIAGE_MODEL_KIND = 'tfidf-logreg-v1';
/** The newest staff-confirmed complaints used (training time grows linearly with it). */
const MAX_CONFIRMED = 20_000;

/**
 * Train the category suggester and store it as the newest `triage_models` snapshot (the three
 * newest are kept). Training text: staff-confirmed complaints from the database (accepted by the
 * responsible office, or recategorised by staff: the override is the label) plus the demo city's
 * labelled text (db/seed/data/triage-labelled.csv, or `corpus`), restricted to active level-2
 * categories. ≈ 5–15 s for a few thousand texts.
 */
export async function trainTriageModel(
  db: DbOrTx,
  params: {
    trigger: 'command' | 'seed' | 'confirmations';
    userId?: number | null;
    corpus?: readonly LabelledText[];
  },
) {
  const leaves = new Set(await listLeafCategoryCodes(db));
  const confirmed = (await listConfirmedCategoryTexts(db, { limit: MAX_CONFIRMED })).filter((r) =>
    leaves.has(r.label),
  );
  const corpus = (params.corpus ?? readLabelledCsv(DEMO_LABELLED_CSV)).filter((r) => leaves.has(r.label));
  const samples = [...confirmed, ...corpus].map((r) => ({
    label: r.label,
    features: textFeatures(r.text, segmentWords),
  }));
  const model = trainTextClassifier(samples);
  const id = await insertTriageModel(db, {
    kind: TRIAGE_MODEL_KIND,
    confirmedCount: confirmed.length,
    corpusCount: corpus.length,
    labelCount: model.labels.length,
    trigger: params.trigger,
    trainedByUserId: params.userId ?? null,
    model: serializeTextClassifier(model) as unknown as Record<string, unknown>,
  });
  await deleteOldTriageModels(db, 3);
  return {
    id,
    confirmedCount: confirmed.length,
    corpusCount: corpus.length,
    labelCount: model.labels.length,
  };
}
