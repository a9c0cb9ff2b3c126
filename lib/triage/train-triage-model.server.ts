import 'server-only';
import type { DbOrTx } from '@/db/client';
import {
  deleteOldTriageModels,
  getTriageLearnSince,
  insertTriageModel,
  listConfirmedCategoryTexts,
  listLeafCategoryCodes,
} from '@/db/queries/triage';
import { duplicateClusters } from './dedupe';
import { textFeatures } from './features';
import { type LabelledText, readCorpusDir } from './read-labelled-csv';
import { segmentWords } from './segment';
import { serializeTextClassifier, type TrainingSample, trainTextClassifier } from './text-classifier';

export const TRIAGE_MODEL_KIND = 'tfidf-svm-v2';
/** The newest staff-confirmed complaints read (training time grows linearly with it). */
const MAX_CONFIRMED = 20_000;
/** At most this many confirmed texts per category, so that one busy category does not drown the rest. */
const MAX_CONFIRMED_PER_LABEL = 300;

/**
 * The training samples: the team's corpus (db/seed/data/triage-corpus) and staff-confirmed
 * complaints, restricted to active level-2 categories. Confirmed complaints are collapsed to one per
 * cluster of exact or near copies (a city's repeated messages teach nothing new and would be
 * memorised), the newest kept, at most MAX_CONFIRMED_PER_LABEL per category. Pure.
 */
export function trainingSamples(
  corpus: readonly LabelledText[],
  confirmed: readonly LabelledText[],
  leaves: ReadonlySet<string>,
): { samples: TrainingSample[]; corpusCount: number; confirmedCount: number } {
  const fromCorpus = corpus.filter((r) => leaves.has(r.label));
  const staff = confirmed.filter((r) => leaves.has(r.label));
  const cluster = duplicateClusters(staff.map((r) => r.text));
  const perLabel = new Map<string, number>();
  const kept = staff.filter((r, i) => {
    if (cluster[i] !== i) return false;
    const n = perLabel.get(r.label) ?? 0;
    perLabel.set(r.label, n + 1);
    return n < MAX_CONFIRMED_PER_LABEL;
  });
  const samples = [
    ...fromCorpus.map((r, i) => ({ text: r.text, label: r.label, group: `corpus:${r.group ?? i}` })),
    ...kept.map((r, i) => ({ text: r.text, label: r.label, group: `staff:${i}` })),
  ].map((r) => ({ label: r.label, group: r.group, features: textFeatures(r.text, segmentWords) }));
  return { samples, corpusCount: fromCorpus.length, confirmedCount: kept.length };
}

/**
 * Train the category suggester and store it as the newest `triage_models` snapshot (the three
 * newest are kept). ≈ 30–60 s for the corpus's 4,000 texts on two cores (the regularisation is
 * chosen by an inner cross-validation, which trains the model several times).
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
  const confirmed = await listConfirmedCategoryTexts(db, {
    limit: MAX_CONFIRMED,
    since: await getTriageLearnSince(db),
  });
  const { samples, corpusCount, confirmedCount } = trainingSamples(
    params.corpus ?? readCorpusDir(),
    confirmed,
    leaves,
  );
  const model = trainTextClassifier(samples);
  const id = await insertTriageModel(db, {
    kind: TRIAGE_MODEL_KIND,
    confirmedCount,
    corpusCount,
    labelCount: model.labels.length,
    trigger: params.trigger,
    trainedByUserId: params.userId ?? null,
    model: serializeTextClassifier(model) as unknown as Record<string, unknown>,
  });
  await deleteOldTriageModels(db, 3);
  return { id, confirmedCount, corpusCount, labelCount: model.labels.length };
}
