import 'server-only';
import type { DbOrTx } from '@/db/client';
import {
  activateTriageModel,
  getLatestTriageModelHead,
  getTriageLearnSince,
  getTriageModel,
  insertTriageModel,
  listConfirmedCategoryTexts,
  listLeafCategoryCodes,
  pruneTriageModels,
} from '@/db/queries/triage';
import { familyOf } from './decide-category';
import { duplicateClusters } from './dedupe';
import { classifierInput } from './features';
import { type LabelledText, readCorpusDir, readStyleDevSet } from './read-labelled-csv';
import { segmentWords } from './segment';
import { shiftSamples } from './shift-samples';
import {
  deserializeTextClassifier,
  predictText,
  type SerializedTextClassifier,
  type ShiftFit,
  serializeTextClassifier,
  type TextClassifierModel,
} from './text-classifier';
import { trainTextClassifierOnce } from './train-cache';
import { trainInChildProcess } from './train-in-child.server';

export const TRIAGE_MODEL_KIND = 'tfidf-svm-v2';
/** The newest staff-confirmed complaints read (training time grows linearly with it). */
const MAX_CONFIRMED = 20_000;
/** At most this many confirmed texts per category, so that one busy category does not drown the rest. */
const MAX_CONFIRMED_PER_LABEL = 300;
/** Every fifth confirmed complaint (by id) is held out: no model trains on it, every model is compared on it. */
export const isHeldOut = (complaintId: number) => complaintId % 5 === 0;
/** Below this many held-out confirmed cases a comparison says nothing. */
export const MIN_HELD_OUT = 20;
/** Versions kept besides the active one (retired ones for rollback, candidates for review). */
const KEEP_OTHERS = 4;

export interface TriageModelMetrics {
  trainSeconds: number;
  c: number;
  temperature: number;
  innerMacroF1: number;
  innerLogLoss: number;
  /** The shipped decision rule on the inner out-of-fold predictions (absent before version 3). */
  innerDispatch?: { coverage: number; precision: number };
  /** Expected calibration error of the top label on the inner out-of-fold predictions (absent before it was stored). */
  innerCalibrationError?: number;
  /**
   * The development board letters (db/seed/data/triage-dev), cross-fitted (text-classifier.ts
   * `ShiftFit`); absent when none were given.
   */
  shiftFit?: ShiftFit;
  /** The held-out slice of confirmed cases: this model's and the model active before's figures on it. */
  heldOut: {
    count: number;
    accuracy: number | null;
    familyAccuracy: number | null;
    activeId: number | null;
    activeAccuracy: number | null;
    activeFamilyAccuracy: number | null;
  };
  promoted: boolean;
  /**
   * Why it was (not) promoted: which rule decided (the admin screen words it in the reader's language
   * from this and `heldOut`; absent on versions trained before it was stored).
   */
  decisionKind: TriageDecisionKind;
  /** The same, in Chinese words (logs, and versions without a kind). */
  decision: string;
}

/** first: no model was active; forced: an admin's order; too-few: too few held-out cases to compare; compared: scored on them. */
export type TriageDecisionKind = 'first' | 'forced' | 'too-few' | 'compared';

type Sample = { text: string; label: string; group: string };

/**
 * The training samples: the team's corpus (db/seed/data/triage-corpus) and staff-confirmed
 * complaints, restricted to active level-2 categories. Confirmed complaints are collapsed to one per
 * cluster of exact or near copies (repeated messages teach nothing new and would be memorised), the
 * newest kept, at most MAX_CONFIRMED_PER_LABEL per category. Pure.
 */
export function trainingSamples(
  corpus: readonly LabelledText[],
  confirmed: readonly LabelledText[],
  leaves: ReadonlySet<string>,
): { samples: Sample[]; corpusCount: number; confirmedCount: number } {
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
    // The inner cross-validation keeps each story on one side. (Holding out whole writing styles
    // there was tried: it compresses the held-out scores, the fitted temperature then comes out too
    // sharp for the full model, and the expected calibration error on the grouped split was 10 %.)
    ...fromCorpus.map((r, i) => ({ text: r.text, label: r.label, group: `corpus:${r.group ?? i}` })),
    ...kept.map((r, i) => ({ text: r.text, label: r.label, group: `staff:${i}` })),
  ];
  return { samples, corpusCount: fromCorpus.length, confirmedCount: kept.length };
}

function scoreOn(
  model: TextClassifierModel,
  cases: readonly { features: string[]; parts: string[][]; label: string }[],
) {
  if (cases.length === 0) return { accuracy: null, familyAccuracy: null };
  let right = 0;
  let family = 0;
  for (const c of cases) {
    const p = predictText(model, c.features, {
      parts: c.parts,
      allow: (l) => l.startsWith('JJ') === c.label.startsWith('JJ'),
    });
    if (p.label === c.label) right++;
    if (familyOf(p.label) === familyOf(c.label)) family++;
  }
  return { accuracy: right / cases.length, familyAccuracy: family / cases.length };
}

/**
 * Train a new version of the category suggester and store it. It becomes the active model only if it
 * beats the active one on the held-out slice of staff-confirmed cases (every fifth confirmed complaint,
 * which no version trains on), or when there is no active model, or on demand (`command`, `seed`)
 * while the slice is too small to tell; otherwise it is kept as a candidate. The previous active
 * version is kept (retired) for rollback. `background`: train in a separate process (the app's
 * retraining); else in this one (the command line, the seed). ≈ 30–60 s for 4,000 texts on two cores.
 */
export async function trainTriageModel(
  db: DbOrTx,
  params: {
    trigger: 'command' | 'seed' | 'confirmations';
    userId?: number | null;
    corpus?: readonly LabelledText[];
    /** Board letters that calibrate the shift cap (default: db/seed/data/triage-dev). */
    shift?: readonly LabelledText[];
    background?: boolean;
    /** Promote whatever the comparison says (the command line's --force). */
    force?: boolean;
    now?: Date;
  },
) {
  const t0 = performance.now();
  const leaves = new Set(await listLeafCategoryCodes(db));
  const confirmed = await listConfirmedCategoryTexts(db, {
    limit: MAX_CONFIRMED,
    since: await getTriageLearnSince(db),
  });
  const heldOutRows = confirmed.filter((r) => isHeldOut(r.id) && leaves.has(r.label));
  const { samples, corpusCount, confirmedCount } = trainingSamples(
    params.corpus ?? readCorpusDir(),
    confirmed.filter((r) => !isHeldOut(r.id)),
    leaves,
  );
  const shift = (params.shift ?? readStyleDevSet()).map((r) => ({ text: r.text, label: r.label }));
  const featurise = (text: string) => classifierInput(text, segmentWords);
  let serialized: SerializedTextClassifier;
  if (params.background) {
    serialized = await trainInChildProcess(samples, shift);
  } else {
    serialized = serializeTextClassifier(
      trainTextClassifierOnce(
        samples.map((s) => ({ label: s.label, group: s.group, ...featurise(s.text) })),
        { shift: shiftSamples(shift, featurise) },
      ),
    );
  }
  const model = deserializeTextClassifier(serialized);
  const trainSeconds = (performance.now() - t0) / 1000;

  const heldOut = heldOutRows.map((r) => ({ label: r.label, ...featurise(r.text) }));
  const mine = scoreOn(model, heldOut);
  const head = await getLatestTriageModelHead(db);
  const activeRow = head ? await getTriageModel(db, head.id) : null;
  let active: TextClassifierModel | null = null;
  try {
    active = activeRow
      ? deserializeTextClassifier(activeRow.model as unknown as SerializedTextClassifier)
      : null;
  } catch {
    active = null; // a format this code no longer reads: replace it
  }
  const theirs = active ? scoreOn(active, heldOut) : { accuracy: null, familyAccuracy: null };
  const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
  let promoted: boolean;
  let decision: string;
  let decisionKind: TriageDecisionKind;
  if (!active) {
    decisionKind = 'first';
    promoted = true;
    decision = '此前没有可用模型';
  } else if (params.force) {
    decisionKind = 'forced';
    promoted = true;
    decision = '管理员强制启用';
  } else if (heldOut.length < MIN_HELD_OUT) {
    decisionKind = 'too-few';
    promoted = params.trigger !== 'confirmations';
    decision = promoted
      ? `留出的已确认案件仅 ${heldOut.length} 件，不足以比较；按指令启用`
      : `留出的已确认案件仅 ${heldOut.length} 件，不足以比较；保留现用模型`;
  } else {
    decisionKind = 'compared';
    const score = (s: { accuracy: number | null; familyAccuracy: number | null }) =>
      (s.accuracy ?? 0) + 0.001 * (s.familyAccuracy ?? 0);
    promoted = score(mine) > score(theirs);
    decision = `留出 ${heldOut.length} 件已确认案件：新模型准确率 ${pct(mine.accuracy)}，现用模型 ${pct(theirs.accuracy)}；${promoted ? '新模型更好，启用' : '未超过现用模型，不启用'}`;
  }
  const metrics: TriageModelMetrics = {
    trainSeconds,
    c: model.c,
    temperature: model.temperature,
    innerMacroF1: model.innerMacroF1,
    innerLogLoss: model.innerLogLoss,
    ...(model.innerDispatch ? { innerDispatch: model.innerDispatch } : {}),
    ...(model.innerCalibrationError !== undefined
      ? { innerCalibrationError: model.innerCalibrationError }
      : {}),
    ...(model.shiftFit ? { shiftFit: model.shiftFit } : {}),
    heldOut: {
      count: heldOut.length,
      ...mine,
      activeId: head?.id ?? null,
      activeAccuracy: theirs.accuracy,
      activeFamilyAccuracy: theirs.familyAccuracy,
    },
    promoted,
    decisionKind,
    decision,
  };
  const now = params.now ?? new Date();
  const id = await insertTriageModel(db, {
    kind: TRIAGE_MODEL_KIND,
    confirmedCount,
    corpusCount,
    labelCount: model.labels.length,
    trigger: params.trigger,
    trainedByUserId: params.userId ?? null,
    status: 'candidate',
    metrics: metrics as unknown as Record<string, unknown>,
    model: serialized as unknown as Record<string, unknown>,
  });
  if (promoted) await activateTriageModel(db, { id, at: now });
  await pruneTriageModels(db, KEEP_OTHERS);
  return { id, confirmedCount, corpusCount, labelCount: model.labels.length, promoted, metrics };
}
