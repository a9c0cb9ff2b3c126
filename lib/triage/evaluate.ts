/**
 * Stratified k-fold cross-validation and the usual metrics (accuracy, per-class precision, recall,
 * F1, macro-F1). Pure; used by `npm run triage:eval`.
 */
import { seededRandom, shuffleInPlace } from './random';

/**
 * The fold (0 … k-1) of each sample. Stratified: each label's samples are shuffled (seeded) and dealt
 * round-robin, continuing the deal where the previous label stopped, so every fold holds
 * ⌊n_label/k⌋ or ⌈n_label/k⌉ of each label and fold sizes differ by at most one. Deterministic for a seed.
 */
export function stratifiedFolds(labels: readonly string[], k: number, seed = 1): number[] {
  if (k < 2) throw new Error('k must be at least 2');
  const byLabel = new Map<string, number[]>();
  labels.forEach((l, i) => {
    const list = byLabel.get(l) ?? [];
    list.push(i);
    byLabel.set(l, list);
  });
  const random = seededRandom(seed);
  const fold = new Array<number>(labels.length).fill(0);
  let next = 0;
  for (const label of [...byLabel.keys()].sort()) {
    for (const i of shuffleInPlace(byLabel.get(label)!, random)) {
      fold[i] = next;
      next = (next + 1) % k;
    }
  }
  return fold;
}

/**
 * Stratified k-fold with groups: every sample of a group lands in the same fold (a group is a story
 * written twice, or a cluster of near-duplicates), so no near-copy of a test text is trained on.
 * Groups are taken label by label (a group's label is its first sample's), shuffled (seeded), and each
 * goes to the fold that holds the fewest samples of that label so far (ties: the smallest fold, then
 * the lowest index). Without groups (every sample its own group) this is `stratifiedFolds`' balance.
 */
export function groupedStratifiedFolds(
  labels: readonly string[],
  groups: readonly string[],
  k: number,
  seed = 1,
): number[] {
  if (k < 2) throw new Error('k must be at least 2');
  const members = new Map<string, number[]>();
  groups.forEach((g, i) => {
    const list = members.get(g) ?? [];
    list.push(i);
    members.set(g, list);
  });
  const byLabel = new Map<string, string[]>();
  for (const [g, list] of members) {
    const label = labels[list[0]!]!;
    const gs = byLabel.get(label) ?? [];
    gs.push(g);
    byLabel.set(label, gs);
  }
  const random = seededRandom(seed);
  const fold = new Array<number>(labels.length).fill(0);
  const size = new Array<number>(k).fill(0);
  for (const label of [...byLabel.keys()].sort()) {
    const perFold = new Array<number>(k).fill(0);
    // Larger groups first (placed while folds are still even), shuffled among equals.
    const gs = shuffleInPlace([...byLabel.get(label)!].sort(), random).sort(
      (a, b) => members.get(b)!.length - members.get(a)!.length,
    );
    for (const g of gs) {
      let best = 0;
      for (let f = 1; f < k; f++) {
        if (perFold[f]! < perFold[best]! || (perFold[f] === perFold[best] && size[f]! < size[best]!))
          best = f;
      }
      for (const i of members.get(g)!) fold[i] = best;
      perFold[best]! += members.get(g)!.length;
      size[best]! += members.get(g)!.length;
    }
  }
  return fold;
}

export interface ClassMetrics {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface Metrics {
  labels: string[];
  /** confusion[actual][predicted], in `labels` order. */
  confusion: number[][];
  accuracy: number;
  perClass: ClassMetrics[];
  macroF1: number;
}

/** Metrics of predictions against the truth. Labels: every label seen in either, sorted. */
export function classificationMetrics(actual: readonly string[], predicted: readonly string[]): Metrics {
  if (actual.length !== predicted.length) throw new Error('actual and predicted differ in length');
  const labels = [...new Set([...actual, ...predicted])].sort();
  const at = new Map(labels.map((l, i) => [l, i]));
  const confusion = labels.map(() => labels.map(() => 0));
  actual.forEach((a, i) => {
    confusion[at.get(a)!]![at.get(predicted[i]!)!]! += 1;
  });
  return metricsFromConfusion(labels, confusion);
}

/** Metrics of a confusion matrix (rows actual, columns predicted). A 0/0 ratio counts as 0. */
export function metricsFromConfusion(labels: string[], confusion: number[][]): Metrics {
  const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
  let correct = 0;
  let total = 0;
  const perClass = labels.map((label, i) => {
    const tp = confusion[i]![i]!;
    const support = confusion[i]!.reduce((s, n) => s + n, 0);
    const predictedAs = confusion.reduce((s, row) => s + row[i]!, 0);
    correct += tp;
    total += support;
    const precision = ratio(tp, predictedAs);
    const recall = ratio(tp, support);
    return { label, precision, recall, f1: ratio(2 * precision * recall, precision + recall), support };
  });
  return {
    labels,
    confusion,
    accuracy: ratio(correct, total),
    perClass,
    macroF1: ratio(
      perClass.reduce((s, c) => s + c.f1, 0),
      perClass.length,
    ),
  };
}

/**
 * k-fold cross-validation of a learner: for each fold, train on the others and predict it. Returns the
 * metrics over all out-of-fold predictions (each sample predicted exactly once).
 */
export function crossValidate<S extends { label: string }>(
  samples: readonly S[],
  learner: (train: readonly S[]) => (sample: S) => string,
  options: { k?: number; seed?: number } = {},
): Metrics & { folds: number[] } {
  const k = options.k ?? 5;
  const folds = stratifiedFolds(
    samples.map((s) => s.label),
    k,
    options.seed ?? 1,
  );
  const predicted = new Array<string>(samples.length);
  for (let f = 0; f < k; f++) {
    const predict = learner(samples.filter((_, i) => folds[i] !== f));
    samples.forEach((s, i) => {
      if (folds[i] === f) predicted[i] = predict(s);
    });
  }
  return {
    ...classificationMetrics(
      samples.map((s) => s.label),
      predicted,
    ),
    folds,
  };
}
