import 'server-only';
import type { DbOrTx } from '@/db/client';
import { getLatestTriageModelHead, getTriageModel } from '@/db/queries/triage';
import { classifierInput } from './features';
import { segmentWords } from './segment';
import {
  deserializeTextClassifier,
  type Prediction,
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
const g = globalThis as unknown as { __suqiuTriageModel?: Cache; __suqiuTriageRefresh?: Promise<Cache> };

async function refresh(db: DbOrTx, previous: Cache | undefined, now: number): Promise<Cache> {
  const head = await getLatestTriageModelHead(db);
  let cache: Cache;
  if (!head) {
    cache = { id: null, model: null, checkedAt: now };
  } else if (head.id !== previous?.id) {
    const row = await getTriageModel(db, head.id);
    cache = {
      id: head.id,
      model: row ? readModel(row.model) : null,
      checkedAt: now,
    };
  } else {
    cache = { ...previous, checkedAt: now };
  }
  g.__suqiuTriageModel = cache;
  return cache;
}

/** A stored model, or null when it is of a format this code no longer reads (retrain to replace it). */
function readModel(stored: unknown): TextClassifierModel | null {
  try {
    return deserializeTextClassifier(stored as SerializedTextClassifier);
  } catch {
    return null;
  }
}

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
    // Concurrent requests share one check (and one model load), instead of each reading the model.
    g.__suqiuTriageRefresh ??= refresh(db, cache, now).finally(() => {
      g.__suqiuTriageRefresh = undefined;
    });
    cache = await g.__suqiuTriageRefresh;
  }
  const model = cache.model;
  if (!model) return null;
  return (text, kind) => {
    const p = predictFor(model, text, kind);
    return p.label
      ? { categoryCode: p.label, probability: p.probability, evidence: p.evidence, ranked: p.ranked }
      : null;
  };
}

/** The classifier's full prediction (ranking with probabilities, evidence), or null before any training. */
export async function getTriagePredictor(
  db: DbOrTx,
): Promise<((text: string, kind: 'complaint' | 'misconduct') => Prediction) | null> {
  await getTriageSuggester(db);
  const model = g.__suqiuTriageModel?.model;
  return model ? (text, kind) => predictFor(model, text, kind) : null;
}

function predictFor(model: TextClassifierModel, text: string, kind: 'complaint' | 'misconduct'): Prediction {
  // A misconduct report takes a 纪检 (JJ) category, an ordinary complaint any other.
  const { features, parts } = classifierInput(text, segmentWords);
  return predictText(model, features, {
    parts,
    allow: (label) => (kind === 'misconduct') === label.startsWith('JJ'),
  });
}

/** Forget the cached model (tests; after training in this process). */
export function resetTriageSuggesterCache(): void {
  g.__suqiuTriageModel = undefined;
  g.__suqiuTriageRefresh = undefined;
}
