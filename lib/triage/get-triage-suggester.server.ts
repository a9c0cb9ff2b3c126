import 'server-only';
import type { DbOrTx } from '@/db/client';
import { getLatestTriageModelHead, getTriageModel } from '@/db/queries/triage';
import { textFeatures } from './features';
import { segmentWords } from './segment';
import {
  deserializeTextClassifier,
  predictText,
  type SerializedTextClassifier,
  type TextClassifierModel,
} from './text-classifier';
import type { CategorySuggester } from './triage-text';

/** How often a process looks for a newer snapshot (another instance may have retrained). */
const CHECK_EVERY_MS = 60_000;

interface Cache {
  id: number | null;
  model: TextClassifierModel | null;
  checkedAt: number;
}
const g = globalThis as unknown as { __suqiuTriageModel?: Cache };

/**
 * The learned category suggester of the newest `triage_models` snapshot, or null when none has been
 * trained (triage then uses the keyword rules alone). The model is cached per process and replaced when
 * a newer snapshot appears (checked at most once a minute, or at once with `fresh`).
 */
export async function getTriageSuggester(
  db: DbOrTx,
  options: { fresh?: boolean; now?: number } = {},
): Promise<CategorySuggester | null> {
  const now = options.now ?? Date.now();
  let cache = g.__suqiuTriageModel;
  if (!cache || options.fresh || now - cache.checkedAt > CHECK_EVERY_MS) {
    const head = await getLatestTriageModelHead(db);
    if (!head) {
      cache = { id: null, model: null, checkedAt: now };
    } else if (head.id !== cache?.id) {
      const row = await getTriageModel(db, head.id);
      cache = {
        id: head.id,
        model: row ? deserializeTextClassifier(row.model as unknown as SerializedTextClassifier) : null,
        checkedAt: now,
      };
    } else {
      cache = { ...cache, checkedAt: now };
    }
    g.__suqiuTriageModel = cache;
  }
  const model = cache.model;
  if (!model) return null;
  return (text, kind) => {
    // A misconduct report takes a 纪检 (JJ) category, an ordinary complaint any other.
    const p = predictText(model, textFeatures(text, segmentWords), {
      allow: (label) => (kind === 'misconduct') === label.startsWith('JJ'),
    });
    return p.label ? { categoryCode: p.label, probability: p.probability, evidence: p.evidence } : null;
  };
}

/** Forget the cached model (tests; after training in this process). */
export function resetTriageSuggesterCache(): void {
  g.__suqiuTriageModel = undefined;
}
