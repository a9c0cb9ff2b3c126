/**
 * The category suggester, built to generalise from a few hundred texts per class:
 * - features (features.ts): character 1–3-grams, jieba words and word pairs, and the title apart;
 * - TF-IDF per block: sublinear term frequency (1 + ln tf) × smoothed idf (ln((1 + n) / (1 + df)) + 1),
 *   each block L2-normalised and weighted (`blockWeights`), the whole vector L2-normalised again;
 * - one-vs-rest linear SVMs (squared hinge, L2), solved exactly by dual coordinate descent
 *   (linear-svm.ts), each class weighted by n / (K · n_class) so rare classes count;
 * - the regularisation C chosen by an inner cross-validation on the training texts alone (grouped when
 *   the samples carry groups), by macro-F1;
 * - the shipped weights are the average of the inner folds' models at that C (a cross-fitted
 *   ensemble), not a refit on all texts: a refit on more texts has larger scores than the
 *   out-of-fold scores the calibration learns from, and was over-confident (texts at p ≥ 0.9 right
 *   only 89–92 %). The ensemble's scores on new text are distributed like those out-of-fold scores;
 * - calibrated probabilities, fitted on the out-of-fold scores of the same grouped inner folds
 *   (so a "90 %" is right about 90 % of the time on unseen text): the top label's probability is a
 *   Platt (logistic) function of its margin over the runner-up; its family's probability a Platt
 *   function of the margin over the best label of another family (at least the top label's); the rest
 *   of the mass is shared out by softmax(temperature × scores) (the temperature also of least
 *   log-loss on those scores). Version 4 adds uncertainty terms to both maps, fits the family's on a
 *   pooled held-out set (the corpus's out-of-fold rows and development board letters the model never
 *   trained on, `shift`), and holds long letters like the development letters it got wrong under 0.5
 *   (the shift cap, `fitCalibration`).
 * Pure (no I/O). Tests: text-classifier.test.ts; honest figures: `npm run triage:eval`.
 *
 * Explanation: the evidence for a class is the features of the text with the largest contribution
 * x_f · w_{class,f} to its score (the "top words" shown with a suggestion).
 */
import { decideCategory, familyOf, SHIPPED_THRESHOLDS } from './decide-category';
import { groupedStratifiedFolds } from './evaluate';
import { featureBlock, featureText } from './features';
import { type SparseRows, scoreRow, sparseRows, trainOneVsRest } from './linear-svm';
import { seededRandom, shuffleInPlace } from './random';

export { seededRandom, shuffleInPlace } from './random';

export interface TrainingSample {
  features: readonly string[];
  label: string;
  /** Samples of one group (one story, near-duplicates) never straddle the inner folds. */
  group?: string;
  /**
   * Dense features appended after the TF-IDF block (same length for every sample), e.g. a prior
   * model's probabilities (transfer from the team's corpus: see scripts/triage-eval.ts).
   */
  dense?: ArrayLike<number>;
  /** The featurised parts of a long message (features.ts `classifierInput`); none for a short one. */
  parts?: readonly (readonly string[])[];
}

/**
 * A text of another writing style than the training corpus (a board letter), not trained on: it only
 * calibrates how far the model's family is to be trusted on such text. `accept`: the families that
 * count as right for it (a board class takes several of ours, board-classes.ts).
 */
export interface ShiftSample {
  features: readonly string[];
  parts?: readonly (readonly string[])[];
  accept: readonly string[];
}

export interface BlockWeights {
  c: number;
  w: number;
  t: number;
  /** The dense block (prior probabilities), appended unnormalised times this weight. */
  p?: number;
}

export interface TrainOptions {
  minDf?: number;
  maxFeatures?: number;
  blockWeights?: BlockWeights;
  /** Candidate regularisation constants; one value skips the choice (calibration still runs). */
  cGrid?: readonly number[];
  innerFolds?: number;
  balance?: boolean;
  seed?: number;
  /** Texts of another style that calibrate the family probability under style shift (none: no shift term). */
  shift?: readonly ShiftSample[];
  /** The shift cap (fitCalibration); null: none. */
  shiftCap?: { risk: number; minLength: number; ceiling: number } | null;
  /**
   * The shift texts' total weight in the pooled family calibration, relative to the corpus's
   * out-of-fold texts (0: they only fit the cap).
   */
  shiftWeight?: number;
  /** Called with the out-of-fold calibration rows before the fit (experiments, diagnostics). */
  inspect?: (
    inner: InnerCalibrationRows,
    model: TextClassifierModel,
    oof: { scores: Float64Array[]; targets: Int32Array; terms: Float64Array[] },
  ) => void;
}

/** p = 1 / (1 + exp(−(a·x + b))): a logistic map of a score margin to a probability. */
export interface PlattScale {
  a: number;
  b: number;
  /**
   * Version 4: coefficients of the uncertainty terms (UNCERTAINTY_TERMS order) added to a·x + b, so
   * that text far from the training corpus (words it never saw, parts that disagree, a weak top
   * score, a length it rarely saw) gets less confidence than its margin alone would give.
   */
  g?: number[];
}

export interface MarginCalibration {
  /** P(the top label is right) from its score margin over the runner-up. */
  leaf: PlattScale;
  /** P(the top label's family is right) from the margin over the best label of another family. */
  family: PlattScale;
  /**
   * Version 4 with shift texts: a gate on the family probability of a message of at least
   * `minLength` characters. A logistic map of the same margin and terms, fitted on the shift texts
   * (letters of another style), has its 0.5 point moved up to where, among those texts, at most
   * `risk` of all were in a wrong family above it; below that point a message's family probability
   * is shrunk by the factor `ceiling` (< 0.5, so never above it): "≥ 0.5" keeps its word on text
   * unlike the corpus, and below it the probabilities still rank and inform.
   */
  shiftCap?: PlattScale & { minLength: number; risk: number; ceiling: number };
}

export interface TextClassifierModel {
  /**
   * 4: as 3, with uncertainty terms in the calibration (PlattScale.g) and the leaf never above its
   * family; 3: margin calibration and a cross-fitted ensemble; 2 (older snapshots): temperature only.
   */
  version: 2 | 3 | 4;
  labels: string[];
  vocab: string[];
  idf: Float32Array;
  blockWeights: BlockWeights;
  /** Dense features after the vocabulary (0 when none). */
  denseWidth: number;
  /** labels.length × (vocab.length + denseWidth), row-major by label. */
  weights: Float32Array;
  bias: Float32Array;
  /** The shape of the probabilities below the top label (and all of them for a version-2 model). */
  temperature: number;
  /** Absent in version-2 models (their probabilities are softmax(temperature × scores)). */
  calibration?: MarginCalibration;
  /** How many inner-fold models the weights average (0: one model trained on every text). */
  ensemble?: number;
  /** The chosen C and the inner cross-validation's macro-F1 and log-loss with it. */
  c: number;
  innerMacroF1: number;
  innerLogLoss: number;
  /**
   * The shipped decision rule (decide-category.ts) on the inner out-of-fold predictions: the share
   * decided automatically and how often right (a level-1 decision is right when the family is).
   */
  innerDispatch?: { coverage: number; precision: number };
  /**
   * The expected calibration error of the top label's probability on the inner out-of-fold
   * predictions (absent before it was stored).
   */
  innerCalibrationError?: number;
  /** Version 4 with shift texts: how the model does on them (ShiftFit). */
  shiftFit?: ShiftFit;
}

/**
 * The shift texts (development board letters) under a trained model: how many, the share whose top
 * family is right, the share wrong-family at p ≥ 0.5, and what the shipped rule decides on them (its
 * share and how often in the right family). `crossFitted`: each text predicted by a calibration
 * fitted without it (models before it was stored: in-sample, no decision figures).
 */
export interface ShiftFit {
  count: number;
  familyFirst: number;
  wrongAtHalf: number;
  decided?: number;
  decidedPrecision?: number;
  crossFitted?: boolean;
}

export interface SparseVector {
  index: Int32Array;
  value: Float64Array;
}

export interface Prediction {
  label: string;
  probability: number;
  /** Every (allowed) label with its probability, most likely first. */
  ranked: { label: string; probability: number }[];
  /** The features that pushed the top label most (readable text, strongest first). */
  evidence: string[];
}

/**
 * The shift cap's defaults (fitCalibration), chosen on the development letters (db/seed/data/
 * triage-dev: four fifths fitted, the last fifth tested, in turn; docs/triage-evaluation.md): at
 * most 1 % of them in a wrong family at ≥ 0.5, for messages of 40+ characters, the rest × 0.45.
 */
export const DEFAULT_SHIFT_CAP = { risk: 0.01, minLength: 40, ceiling: 0.45 } as const;

export const DEFAULT_TRAIN_OPTIONS: Required<Omit<TrainOptions, 'inspect'>> = {
  minDf: 2,
  maxFeatures: 400_000,
  blockWeights: { c: 1, w: 0.8, t: 0.5 },
  cGrid: [0.03, 0.1, 0.3, 1, 3],
  innerFolds: 3,
  balance: true,
  seed: 1,
  shift: [],
  shiftWeight: 0.25,
  shiftCap: DEFAULT_SHIFT_CAP,
};

const BLOCKS = ['c', 'w', 't'] as const;

function buildVocabulary(docs: readonly (readonly string[])[], minDf: number, maxFeatures: number) {
  const df = new Map<string, number>();
  for (const doc of docs) for (const f of new Set(doc)) df.set(f, (df.get(f) ?? 0) + 1);
  const kept = [...df.entries()]
    .filter(([, n]) => n >= minDf)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, maxFeatures)
    .sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const vocab = kept.map(([f]) => f);
  const n = docs.length;
  const idf = new Float32Array(kept.map(([, d]) => Math.log((1 + n) / (1 + d)) + 1));
  return { vocab, idf };
}

function indexOf(vocab: readonly string[]): Map<string, number> {
  return new Map(vocab.map((f, i) => [f, i]));
}

/** The TF-IDF vector of a featurised text: per block L2-normalised and weighted, then L2-normalised. */
export function vectorize(
  features: readonly string[],
  vocabIndex: ReadonlyMap<string, number>,
  idf: Float32Array,
  vocab: readonly string[],
  blockWeights: BlockWeights,
  dense?: ArrayLike<number>,
): SparseVector {
  const tf = new Map<number, number>();
  for (const f of features) {
    const i = vocabIndex.get(f);
    if (i !== undefined) tf.set(i, (tf.get(i) ?? 0) + 1);
  }
  const index = Int32Array.from([...tf.keys()].sort((a, b) => a - b));
  const value = new Float64Array(index.length);
  const blockNorm = { c: 0, w: 0, t: 0 };
  const blockOf = new Array<'c' | 'w' | 't'>(index.length);
  index.forEach((i, k) => {
    const v = (1 + Math.log(tf.get(i)!)) * idf[i]!;
    value[k] = v;
    const b = featureBlock(vocab[i]!);
    blockOf[k] = b;
    blockNorm[b] += v * v;
  });
  for (const b of BLOCKS) blockNorm[b] = Math.sqrt(blockNorm[b]) || 1;
  let norm = 0;
  for (let k = 0; k < value.length; k++) {
    const b = blockOf[k]!;
    value[k] = (value[k]! / blockNorm[b]) * blockWeights[b];
    norm += value[k]! * value[k]!;
  }
  norm = Math.sqrt(norm) || 1;
  for (let k = 0; k < value.length; k++) value[k]! /= norm;
  if (!dense || dense.length === 0) return { index, value };
  const p = blockWeights.p ?? 1;
  const width = vocab.length;
  return {
    index: Int32Array.from([...index, ...Array.from({ length: dense.length }, (_, j) => width + j)]),
    value: Float64Array.from([...value, ...Array.from(dense, (d) => d * p)]),
  };
}

/** softmax(t × scores), numerically stable. */
export function softmax(scores: ArrayLike<number>, temperature = 1): Float64Array {
  let max = -Infinity;
  for (let c = 0; c < scores.length; c++) max = Math.max(max, temperature * scores[c]!);
  let sum = 0;
  const out = new Float64Array(scores.length);
  for (let c = 0; c < scores.length; c++) {
    out[c] = Math.exp(temperature * scores[c]! - max);
    sum += out[c]!;
  }
  for (let c = 0; c < out.length; c++) out[c]! /= sum;
  return out;
}

/** Mean log-loss of softmax(t × scores) against the targets. */
function logLoss(scores: readonly Float64Array[], targets: ArrayLike<number>, t: number): number {
  let s = 0;
  scores.forEach((row, i) => {
    s -= Math.log(Math.max(softmax(row, t)[targets[i]!]!, 1e-12));
  });
  return s / scores.length;
}

/** The temperature of least log-loss (golden-section search over ln t in [ln 0.05, ln 200]). */
export function fitTemperature(scores: readonly Float64Array[], targets: ArrayLike<number>): number {
  const phi = (Math.sqrt(5) - 1) / 2;
  let a = Math.log(0.05);
  let b = Math.log(200);
  let x1 = b - phi * (b - a);
  let x2 = a + phi * (b - a);
  let f1 = logLoss(scores, targets, Math.exp(x1));
  let f2 = logLoss(scores, targets, Math.exp(x2));
  for (let iter = 0; iter < 40; iter++) {
    if (f1 < f2) {
      b = x2;
      x2 = x1;
      f2 = f1;
      x1 = b - phi * (b - a);
      f1 = logLoss(scores, targets, Math.exp(x1));
    } else {
      a = x1;
      x1 = x2;
      f1 = f2;
      x2 = a + phi * (b - a);
      f2 = logLoss(scores, targets, Math.exp(x2));
    }
  }
  return Math.exp((a + b) / 2);
}

/**
 * Platt scaling: the logistic map p = 1/(1+exp(−(a·x+b))) of least log-loss against 0/1 outcomes,
 * with Platt's smoothed targets ((n₊+1)/(n₊+2) and 1/(n₋+2)) so that a perfectly separated set does
 * not give an infinitely sharp map. Newton's method with step halving; a is kept ≥ 0 (a larger
 * margin never means less confidence).
 */
export function fitPlatt(x: ArrayLike<number>, outcome: ArrayLike<number>): PlattScale {
  const n = x.length;
  let pos = 0;
  for (let i = 0; i < n; i++) pos += outcome[i]! ? 1 : 0;
  const hi = (pos + 1) / (pos + 2);
  const lo = 1 / (n - pos + 2);
  const target = Float64Array.from({ length: n }, (_, i) => (outcome[i] ? hi : lo));
  const loss = (a: number, b: number) => {
    let s = 0;
    for (let i = 0; i < n; i++) {
      const z = a * x[i]! + b;
      // log(1 + e^z) − t·z, stably
      s += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - target[i]! * z;
    }
    return s;
  };
  let a = 1;
  let b = Math.log((pos + 1) / (n - pos + 1));
  let f = loss(a, b);
  for (let iter = 0; iter < 100; iter++) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-9;
    let hab = 0;
    let hbb = 1e-9;
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-(a * x[i]! + b)));
      const r = p - target[i]!;
      const w = p * (1 - p);
      ga += r * x[i]!;
      gb += r;
      haa += w * x[i]! * x[i]!;
      hab += w * x[i]!;
      hbb += w;
    }
    const det = haa * hbb - hab * hab;
    if (!(det > 0)) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    let step = 1;
    let next = { a: a - da, b: b - db, f: 0 };
    for (; step > 1e-8; step /= 2) {
      next = { a: Math.max(0, a - step * da), b: b - step * db, f: 0 };
      next.f = loss(next.a, next.b);
      if (next.f <= f + 1e-12) break;
    }
    if (step <= 1e-8) break;
    const done = Math.abs(f - next.f) < 1e-10 * Math.max(1, Math.abs(f));
    a = next.a;
    b = next.b;
    f = next.f;
    if (done) break;
  }
  return { a, b };
}

const platt = (s: PlattScale, x: number, z?: ArrayLike<number>) => {
  let t = s.a * x + s.b;
  if (s.g && z) for (let j = 0; j < s.g.length; j++) t += s.g[j]! * z[j]!;
  return 1 / (1 + Math.exp(-t));
};

/**
 * The uncertainty terms of a version-4 calibration, in this order:
 * - `top`: the top label's raw score (clamped to ±3): text like nothing the model learnt scores low
 *   on every label even when one is ahead;
 * - `unseen`: the share of the text's character 2–3-grams and words the model never saw (names,
 *   another register, another topic);
 * - `length`: ln(1 + Chinese characters): a long letter, several times the corpus's usual message;
 * - `disagree`: the share of the message's parts (by their features) whose own best family is not
 *   the whole text's (several problems, or one topic mentioned while writing about another).
 * Each enters the logit linearly; signs are constrained (more unseen or disagreeing text never means
 * more confidence, a higher top score never less).
 */
export const UNCERTAINTY_TERMS = ['top', 'unseen', 'length', 'disagree'] as const;
/** +1: the coefficient is ≥ 0; −1: ≤ 0; 0: free. */
const TERM_SIGN = [1, -1, 0, -1] as const;

/** The share of a featurised text's character 2–3-grams and words that `known` does not know. */
export function unseenShare(features: readonly string[], known: (feature: string) => boolean): number {
  let n = 0;
  let unseen = 0;
  for (const f of features) {
    if (f.startsWith('c:') ? f.length < 4 : !f.startsWith('w:')) continue;
    n++;
    if (!known(f)) unseen++;
  }
  return n ? unseen / n : 0;
}

/** ln(1 + the text's Chinese characters), from its character unigrams. */
export function textLengthTerm(features: readonly string[]): number {
  let n = 0;
  for (const f of features) if (f.length === 3 && f.startsWith('c:')) n++;
  return Math.log1p(n);
}

/**
 * The share of a message's parts, weighted by `weight` (their feature counts), whose best family
 * (argmax of their scores) is not `family`; 0 without parts.
 */
export function partDisagreement(
  parts: readonly { scores: ArrayLike<number>; weight: number }[],
  labels: readonly string[],
  family: string,
): number {
  let all = 0;
  let other = 0;
  for (const p of parts) {
    all += p.weight;
    if (familyOf(labels[argmax(p.scores)]!) !== family) other += p.weight;
  }
  return all ? other / all : 0;
}

export function uncertaintyTerms(t: {
  top: number;
  unseen: number;
  length: number;
  disagree: number;
}): Float64Array {
  return Float64Array.from([Math.max(-3, Math.min(3, t.top)), t.unseen, t.length, t.disagree]);
}

/**
 * Weighted logistic regression p = σ(a·x + g·z + b) of least log-loss with Platt's smoothed targets,
 * a ≥ 0 and each g_j of the sign TERM_SIGN asks (a coefficient of the wrong sign is held at 0 and
 * the rest refitted), a small ridge on g. Newton's method with step halving.
 */
export function fitLogistic(
  rows: readonly { x: number; z: ArrayLike<number>; y: 0 | 1; w?: number }[],
  signs: readonly number[] = TERM_SIGN,
  /** Which terms enter at all (the others' coefficients are 0). */
  use: readonly boolean[] = signs.map(() => true),
): PlattScale {
  const m = signs.length;
  let pos = 0;
  let neg = 0;
  for (const r of rows) {
    if (r.y) pos += r.w ?? 1;
    else neg += r.w ?? 1;
  }
  const hi = (pos + 1) / (pos + 2);
  const lo = 1 / (neg + 2);
  const ridge = 1e-2;
  const free = signs.map((_, j) => use[j] !== false);
  for (let round = 0; round <= m; round++) {
    // θ = [a, g_0 … g_{m−1}, b]; fixed g_j = 0.
    const dim = m + 2;
    const theta = new Float64Array(dim);
    theta[0] = 1;
    theta[dim - 1] = Math.log((pos + 1) / (neg + 1));
    const feat = (r: (typeof rows)[number], j: number) => (j === 0 ? r.x : j === dim - 1 ? 1 : r.z[j - 1]!);
    const active = Array.from({ length: dim }, (_, j) => j === 0 || j === dim - 1 || free[j - 1]!);
    const loss = (th: Float64Array) => {
      let f = 0;
      for (const r of rows) {
        let t = 0;
        for (let j = 0; j < dim; j++) t += th[j]! * feat(r, j);
        const target = r.y ? hi : lo;
        f += (r.w ?? 1) * ((t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t))) - target * t);
      }
      for (let j = 1; j < dim - 1; j++) f += 0.5 * ridge * th[j]! * th[j]!;
      return f;
    };
    let f = loss(theta);
    for (let iter = 0; iter < 100; iter++) {
      const grad = new Float64Array(dim);
      const hess = Array.from({ length: dim }, () => new Float64Array(dim));
      for (const r of rows) {
        let t = 0;
        for (let j = 0; j < dim; j++) t += theta[j]! * feat(r, j);
        const p = 1 / (1 + Math.exp(-t));
        const w = r.w ?? 1;
        const res = w * (p - (r.y ? hi : lo));
        const curv = w * p * (1 - p);
        for (let j = 0; j < dim; j++) {
          if (!active[j]) continue;
          const fj = feat(r, j);
          grad[j]! += res * fj;
          for (let k = 0; k < dim; k++) if (active[k]) hess[j]![k]! += curv * fj * feat(r, k);
        }
      }
      for (let j = 0; j < dim; j++) {
        hess[j]![j]! += 1e-9 + (j > 0 && j < dim - 1 ? ridge : 0);
        if (j > 0 && j < dim - 1) grad[j]! += ridge * theta[j]!;
        if (!active[j]) {
          grad[j] = 0;
          hess[j]!.fill(0);
          hess[j]![j] = 1;
        }
      }
      const step = solveLinear(hess, grad);
      if (!step) break;
      let scale = 1;
      let next = theta;
      let nf = f;
      for (; scale > 1e-8; scale /= 2) {
        next = Float64Array.from(theta, (v, j) => v - scale * step[j]!);
        next[0] = Math.max(0, next[0]!);
        nf = loss(next);
        if (nf <= f + 1e-12) break;
      }
      if (scale <= 1e-8) break;
      const done = Math.abs(f - nf) < 1e-10 * Math.max(1, Math.abs(f));
      theta.set(next);
      f = nf;
      if (done) break;
    }
    const g = Array.from(theta.subarray(1, dim - 1));
    const wrong = g.findIndex((v, j) => free[j] && signs[j]! * v < 0);
    if (wrong < 0) return { a: theta[0]!, b: theta[dim - 1]!, g };
    free[wrong] = false;
  }
  return { a: 1, b: 0, g: signs.map(() => 0) };
}

/** Gaussian elimination with partial pivoting; null when singular. */
function solveLinear(a: readonly Float64Array[], b: Float64Array): Float64Array | null {
  const n = b.length;
  const m = a.map((row, i) => Float64Array.from([...row, b[i]!]));
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    if (Math.abs(m[p]![c]!) < 1e-14) return null;
    [m[c], m[p]] = [m[p]!, m[c]!];
    for (let r = c + 1; r < n; r++) {
      const k = m[r]![c]! / m[c]![c]!;
      for (let q = c; q <= n; q++) m[r]![q]! -= k * m[c]![q]!;
    }
  }
  const x = new Float64Array(n);
  for (let r = n - 1; r >= 0; r--) {
    let v = m[r]![n]!;
    for (let q = r + 1; q < n; q++) v -= m[r]![q]! * x[q]!;
    x[r] = v / m[r]![r]!;
  }
  return x;
}

/**
 * Calibrated probabilities of class scores (same order). With a margin calibration: the top label
 * gets P(leaf right) from its margin over the runner-up; its family (the labels sharing its
 * `familyOf`) P(family right) from the margin over the best label outside it, at least the top
 * label's (all of it when no other family is in the running); the family's other labels share the
 * difference, the other families the rest, both in proportion to softmax(temperature × scores) and
 * none above the top label (which gets at least 1/n), so the ranking stays the scores' ranking.
 * Without one (a version-2 model): softmax(temperature × scores).
 */
export function calibratedProbabilities(
  scores: ArrayLike<number>,
  labels: readonly string[],
  temperature: number,
  calibration?: MarginCalibration,
  /** The text's uncertainty terms (uncertaintyTerms) for a version-4 calibration. */
  terms?: ArrayLike<number>,
): Float64Array {
  const shape = softmax(scores, temperature);
  const n = scores.length;
  if (!calibration || n < 2) return shape;
  const top = argmax(scores);
  const family = familyOf(labels[top]!);
  let second = -Infinity;
  let outside = -Infinity;
  let siblings = 0;
  for (let c = 0; c < n; c++) {
    if (c === top) continue;
    second = Math.max(second, scores[c]!);
    if (familyOf(labels[c]!) === family) siblings++;
    else outside = Math.max(outside, scores[c]!);
  }
  let leaf = platt(calibration.leaf, scores[top]! - second, terms);
  let fam: number;
  if (calibration.family.g) {
    // Version 4: the family's probability knows the uncertainty terms; the leaf is never above it.
    fam = outside === -Infinity ? 1 : platt(calibration.family, scores[top]! - outside, terms);
    const cap = calibration.shiftCap;
    if (
      cap &&
      terms &&
      outside !== -Infinity &&
      Math.expm1(terms[2]!) >= cap.minLength - 1e-9 &&
      platt(cap, scores[top]! - outside, terms) < 0.5
    ) {
      fam *= cap.ceiling;
    }
    if (siblings === 0) fam = Math.min(fam, leaf);
    leaf = Math.min(leaf, fam);
  } else {
    fam =
      siblings === 0
        ? leaf
        : outside === -Infinity
          ? 1
          : Math.max(leaf, platt(calibration.family, scores[top]! - outside));
  }
  // The others share the rest by the softmax shape, none above the top label (the ranking stays the
  // scores' ranking): a capped proportional share, the excess passed on to the rest.
  const top1 = Math.max(leaf, 1 / n);
  const inside: number[] = [];
  const beyond: number[] = [];
  for (let c = 0; c < n; c++) {
    if (c !== top) (familyOf(labels[c]!) === family ? inside : beyond).push(c);
  }
  const out = new Float64Array(n);
  out[top] = top1;
  const famMass = Math.max(fam, top1);
  cappedShares(out, inside, shape, Math.max(0, famMass - top1), top1);
  cappedShares(out, beyond, shape, Math.max(0, 1 - famMass), top1);
  let total = 0;
  for (let c = 0; c < n; c++) total += out[c]!;
  if (Math.abs(total - 1) > 1e-12) for (let c = 0; c < n; c++) out[c]! /= total;
  return out;
}

/** Share `mass` among `members` in proportion to `weight`, none above `cap` (water-filling). */
function cappedShares(
  out: Float64Array,
  members: readonly number[],
  weight: ArrayLike<number>,
  mass: number,
  cap: number,
): void {
  let open = [...members];
  let left = mass;
  while (open.length > 0 && left > 1e-15) {
    let w = 0;
    for (const c of open) w += weight[c]! || 0;
    const share = (c: number) => (w > 0 ? (left * (weight[c]! || 0)) / w : left / open.length);
    const over = open.filter((c) => out[c]! + share(c) > cap);
    if (over.length === 0) {
      for (const c of open) out[c]! += share(c);
      return;
    }
    for (const c of over) {
      left -= cap - out[c]!;
      out[c] = cap;
    }
    open = open.filter((c) => out[c]! < cap);
  }
}

/** The margins the calibration reads: top over runner-up, top over the best label of another family. */
function margins(scores: ArrayLike<number>, labels: readonly string[]) {
  const top = argmax(scores);
  const family = familyOf(labels[top]!);
  let second = -Infinity;
  let outside = -Infinity;
  for (let c = 0; c < scores.length; c++) {
    if (c === top) continue;
    second = Math.max(second, scores[c]!);
    if (familyOf(labels[c]!) !== family) outside = Math.max(outside, scores[c]!);
  }
  return { top, leaf: scores[top]! - second, family: outside === -Infinity ? null : scores[top]! - outside };
}

function macroF1Of(targets: ArrayLike<number>, predicted: ArrayLike<number>, classes: number): number {
  const tp = new Float64Array(classes);
  const actual = new Float64Array(classes);
  const pred = new Float64Array(classes);
  for (let i = 0; i < targets.length; i++) {
    actual[targets[i]!]! += 1;
    pred[predicted[i]!]! += 1;
    if (targets[i] === predicted[i]) tp[targets[i]!]! += 1;
  }
  let sum = 0;
  for (let c = 0; c < classes; c++) {
    const p = pred[c] ? tp[c]! / pred[c]! : 0;
    const r = actual[c] ? tp[c]! / actual[c]! : 0;
    sum += p + r > 0 ? (2 * p * r) / (p + r) : 0;
  }
  return sum / classes;
}

function argmax(a: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < a.length; i++) if (a[i]! > a[best]!) best = i;
  return best;
}

function subset(x: SparseRows, rows: readonly number[]): SparseRows {
  return sparseRows(
    rows.map((i) => ({
      index: x.index.subarray(x.ptr[i]!, x.ptr[i + 1]!),
      value: x.value.subarray(x.ptr[i]!, x.ptr[i + 1]!),
    })),
    x.width,
  );
}

/** Train a model on featurised samples (at least two labels). */
export function trainTextClassifier(
  samples: readonly TrainingSample[],
  options: TrainOptions = {},
): TextClassifierModel {
  const o = { ...DEFAULT_TRAIN_OPTIONS, ...options };
  const labels = [...new Set(samples.map((s) => s.label))].sort();
  if (labels.length < 2) throw new Error('Training needs at least two labels');
  const classes = labels.length;
  const minDf = Math.min(o.minDf, Math.max(1, Math.floor(samples.length / classes / 4)));
  const { vocab, idf } = buildVocabulary(
    samples.map((s) => s.features),
    minDf,
    o.maxFeatures,
  );
  const vocabIndex = indexOf(vocab);
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const denseWidth = samples[0]?.dense?.length ?? 0;
  const x = sparseRows(
    samples.map((s) => vectorize(s.features, vocabIndex, idf, vocab, o.blockWeights, s.dense)),
    vocab.length + denseWidth,
  );
  const targets = Int32Array.from(samples.map((s) => labelIndex.get(s.label)!));
  const grid = [...o.cGrid].sort((a, b) => a - b);

  // Inner cross-validation on the training texts: choose C, collect out-of-fold scores to calibrate.
  const minPerClass = Math.min(...labels.map((_, c) => targets.filter((t) => t === c).length));
  const k = Math.max(2, Math.min(o.innerFolds, minPerClass));
  const folds = groupedStratifiedFolds(
    samples.map((s) => s.label),
    samples.map((s, i) => s.group ?? `#${i}`),
    k,
    o.seed,
  );
  const oof = grid.map(() => new Array<Float64Array>(samples.length));
  const width = vocab.length + denseWidth;
  // Per C, the sum of the fold models' weights (classes × (width + 1), bias last) and, per class,
  // how many fold models had it (a class absent from a fold's training part is not averaged there).
  const sums = grid.map(() => new Float64Array(classes * (width + 1)));
  const present = new Float64Array(classes);
  // The uncertainty terms of every text as its fold model sees it: the unseen share against the
  // fold's training part (a word of the held-out text alone is unseen there, as in new text), the
  // parts' disagreement per C.
  const partVectors = samples.map((s) =>
    (s.parts ?? []).map((f) => ({
      v: vectorize(f, vocabIndex, idf, vocab, o.blockWeights),
      weight: f.length,
    })),
  );
  const unseen = new Float64Array(samples.length);
  const disagree = grid.map(() => new Float64Array(samples.length));
  for (let f = 0; f < k; f++) {
    const trainRows: number[] = [];
    const testRows: number[] = [];
    folds.forEach((fi, i) => {
      (fi === f ? testRows : trainRows).push(i);
    });
    const heldFeatures = new Set<string>();
    for (const i of testRows) for (const f of samples[i]!.features) heldFeatures.add(f);
    const foldDf = new Map<string, number>();
    for (const i of trainRows) {
      for (const f of new Set(samples[i]!.features)) {
        if (heldFeatures.has(f)) foldDf.set(f, (foldDf.get(f) ?? 0) + 1);
      }
    }
    for (const i of testRows) {
      unseen[i] = unseenShare(samples[i]!.features, (f) => (foldDf.get(f) ?? 0) >= minDf);
    }
    const trainTargets = Int32Array.from(trainRows.map((i) => targets[i]!));
    // A class absent from this fold's training part scores −∞ there (it cannot be predicted).
    const inFold = new Set(trainTargets);
    const remap = labels.map((_, c) => c).filter((c) => inFold.has(c));
    for (const c of remap) present[c]! += 1;
    const local = Int32Array.from(trainTargets, (t) => remap.indexOf(t));
    const weightsPerC = trainOneVsRest(subset(x, trainRows), local, remap.length, grid, {
      balance: o.balance,
      seed: o.seed,
    });
    grid.forEach((_, g) => {
      const w = weightsPerC[g]!;
      remap.forEach((c, j) => {
        const from = j * (width + 1);
        const to = c * (width + 1);
        for (let q = 0; q <= width; q++) sums[g]![to + q]! += w[from + q]!;
      });
      for (const i of testRows) {
        const s = scoreRow(w, x, i, remap.length);
        const full = new Float64Array(classes).fill(-1e3);
        remap.forEach((c, j) => {
          full[c] = s[j]!;
        });
        oof[g]![i] = full;
        if (partVectors[i]!.length === 0) continue;
        const parts = partVectors[i]!.map(({ v, weight }) => {
          const ps = scoreVector(w, width + 1, v, remap.length);
          const pf = new Float64Array(classes).fill(-1e3);
          remap.forEach((c, j) => {
            pf[c] = ps[j]!;
          });
          return { scores: pf, weight };
        });
        disagree[g]![i] = partDisagreement(parts, labels, familyOf(labels[argmax(full)]!));
      }
    });
  }
  let best = 0;
  let bestF1 = -1;
  grid.forEach((_, g) => {
    const f1 = macroF1Of(
      targets,
      oof[g]!.map((s) => argmax(s)),
      classes,
    );
    if (f1 > bestF1 + 1e-9) {
      bestF1 = f1;
      best = g;
    }
  });
  const scores = oof[best]!;
  const temperature = fitTemperature(scores, targets);
  const m = scores.map((row) => margins(row, labels));
  const terms = scores.map((row, i) =>
    uncertaintyTerms({
      top: row[m[i]!.top]!,
      unseen: unseen[i]!,
      length: textLengthTerm(samples[i]!.features),
      disagree: disagree[best]![i]!,
    }),
  );
  const withFamily = m.map((_, i) => i).filter((i) => m[i]!.family !== null);

  // The shipped model: the fold models at the chosen C, averaged.
  const weights = new Float32Array(classes * width);
  const bias = new Float32Array(classes);
  const sum = sums[best]!;
  for (let c = 0; c < classes; c++) {
    const n = present[c]! || 1;
    for (let q = 0; q < width; q++) weights[c * width + q] = sum[c * (width + 1) + q]! / n;
    bias[c] = present[c] ? sum[c * (width + 1) + width]! / n : -1e3;
  }
  const model: TextClassifierModel = {
    version: 4,
    labels,
    vocab,
    idf,
    blockWeights: o.blockWeights,
    denseWidth,
    weights,
    bias,
    temperature,
    ensemble: k,
    c: grid[best]!,
    innerMacroF1: bestF1,
    innerLogLoss: 0,
  };

  const inner: InnerCalibrationRows = {
    leaf: m.map((r, i) => ({ x: r.leaf, z: terms[i]!, y: r.top === targets[i] ? 1 : 0 })),
    family: withFamily.map((i) => ({
      x: m[i]!.family!,
      z: terms[i]!,
      y: familyOf(labels[m[i]!.top]!) === familyOf(labels[targets[i]!]!) ? 1 : 0,
    })),
  };
  options.inspect?.(inner, model, { scores, targets, terms });
  const calibration = fitCalibration(model, inner, o.shift, o.shiftWeight, undefined, o.shiftCap);
  let innerLogLoss = 0;
  let decided = 0;
  let decidedRight = 0;
  const reliability = new ReliabilityBins();
  scores.forEach((row, i) => {
    const p = calibratedProbabilities(row, labels, temperature, calibration, terms[i]);
    innerLogLoss -= Math.log(Math.max(p[targets[i]!]!, 1e-12)) / scores.length;
    const ranked = labels
      .map((label, c) => ({ label, probability: p[c]!, score: row[c]! }))
      .sort((a, b) => b.probability - a.probability || b.score - a.score);
    reliability.add(ranked[0]!.probability, ranked[0]!.label === labels[targets[i]!]);
    const d = decideCategory(ranked, SHIPPED_THRESHOLDS);
    if (d.code === null) return;
    decided++;
    const truth = labels[targets[i]!]!;
    if (d.level === 2 ? d.code === truth : d.code === familyOf(truth)) decidedRight++;
  });
  model.innerLogLoss = innerLogLoss;
  model.innerDispatch = {
    coverage: decided / scores.length,
    precision: decided ? decidedRight / decided : 0,
  };
  model.innerCalibrationError = reliability.error();
  return model;
}

/**
 * Expected calibration error: probabilities in ten bins of width 0.1, the mean |mean p − share right|
 * weighted by the bin's share of texts (as `npm run triage:eval` reports it).
 */
export class ReliabilityBins {
  private readonly n = new Float64Array(10);
  private readonly p = new Float64Array(10);
  private readonly right = new Float64Array(10);

  add(probability: number, right: boolean): void {
    const b = Math.min(9, Math.max(0, Math.floor(probability * 10)));
    this.n[b]! += 1;
    this.p[b]! += probability;
    if (right) this.right[b]! += 1;
  }

  error(): number {
    let total = 0;
    let e = 0;
    for (let b = 0; b < 10; b++) total += this.n[b]!;
    for (let b = 0; b < 10; b++) if (this.n[b]) e += Math.abs(this.p[b]! - this.right[b]!) / (total || 1);
    return e;
  }
}

/** The out-of-fold rows a calibration is fitted on: margin, uncertainty terms, right or not. */
export interface InnerCalibrationRows {
  leaf: { x: number; z: Float64Array; y: 0 | 1 }[];
  family: { x: number; z: Float64Array; y: 0 | 1 }[];
}

/**
 * Fit a version-4 model's calibration (and set it, with `shiftFit`) on one pooled held-out set: the
 * corpus's out-of-fold rows and the shift texts (board letters the model never trained on, right when
 * its top family is one they accept). The leaf's map on the corpus rows alone (a board letter's
 * level-2 truth is unknown); the family's on both, the shift texts weighing `shiftWeight` times the
 * out-of-fold rows in all, so that one margin and one set of uncertainty terms mean one probability
 * for a short corpus message and a long board letter alike. `cap` (the shift cap, see
 * MarginCalibration) on top when given. `shiftFit` reports the shift texts cross-fitted: each fifth
 * predicted by a calibration fitted without it.
 */
export function fitCalibration(
  model: TextClassifierModel,
  inner: InnerCalibrationRows,
  shift: readonly ShiftSample[] = [],
  shiftWeight = DEFAULT_TRAIN_OPTIONS.shiftWeight,
  use?: readonly boolean[],
  cap: { risk: number; minLength: number; ceiling: number } | null = DEFAULT_TRAIN_OPTIONS.shiftCap,
): MarginCalibration {
  // A shift text whose families the model does not have at all says nothing about its confidence.
  const families = new Set(model.labels.map(familyOf));
  const usable = shift.filter((t) => t.accept.some((f) => families.has(f)));
  const shiftRows = usable.map((t) => {
    const { scores: row } = scoreText(model, t.features);
    const mm = margins(row, model.labels);
    return {
      scores: row,
      x: mm.family ?? 0,
      z: textTerms(model, row, t.features, t.parts),
      y: (t.accept.includes(familyOf(model.labels[mm.top]!)) ? 1 : 0) as 0 | 1,
    };
  });
  // The leaf's map does not depend on the shift texts: fitted once.
  const leaf = fitLogistic(inner.leaf, TERM_SIGN, use);
  const calibration = pooledCalibration(leaf, inner, shiftRows, shiftWeight, use, cap);
  model.calibration = calibration;
  model.shiftFit = undefined;
  if (shiftRows.length >= 10) {
    // Cross-fitted: five folds of the shift texts (a fixed shuffle), each predicted by the
    // calibration fitted on the corpus rows and the other four.
    const order = shuffleInPlace(
      shiftRows.map((_, i) => i),
      seededRandom(1),
    );
    const fold = new Int32Array(shiftRows.length);
    order.forEach((i, k) => {
      fold[i] = k % 5;
    });
    let right = 0;
    let wrongSure = 0;
    let decided = 0;
    let decidedRight = 0;
    for (let f = 0; f < 5; f++) {
      const fitted = pooledCalibration(
        leaf,
        inner,
        shiftRows.filter((_, i) => fold[i] !== f),
        shiftWeight,
        use,
        cap,
      );
      shiftRows.forEach((r, i) => {
        if (fold[i] !== f) return;
        const p = calibratedProbabilities(r.scores, model.labels, model.temperature, fitted, r.z);
        const ranked = model.labels
          .map((label, c) => ({ label, probability: p[c]!, score: r.scores[c]! }))
          .sort((a, b) => b.probability - a.probability || b.score - a.score);
        if (r.y) right++;
        else if (ranked[0]!.probability >= 0.5) wrongSure++;
        const d = decideCategory(ranked, SHIPPED_THRESHOLDS);
        if (d.code === null) return;
        decided++;
        if (usable[i]!.accept.includes(familyOf(d.code))) decidedRight++;
      });
    }
    model.shiftFit = {
      count: shiftRows.length,
      familyFirst: right / shiftRows.length,
      wrongAtHalf: wrongSure / shiftRows.length,
      decided: decided / shiftRows.length,
      decidedPrecision: decided ? decidedRight / decided : 0,
      crossFitted: true,
    };
  }
  return calibration;
}

/** The pooled calibration of fitCalibration from its rows (the cap on top when asked and possible). */
function pooledCalibration(
  leaf: PlattScale,
  inner: InnerCalibrationRows,
  shiftRows: readonly { x: number; z: Float64Array; y: 0 | 1 }[],
  shiftWeight: number,
  use: readonly boolean[] | undefined,
  cap: { risk: number; minLength: number; ceiling: number } | null,
): MarginCalibration {
  const shiftEach = shiftRows.length ? (shiftWeight * inner.family.length) / shiftRows.length : 0;
  const calibration: MarginCalibration = {
    leaf,
    family: fitLogistic(
      [...inner.family, ...shiftRows.map((r) => ({ x: r.x, z: r.z, y: r.y, w: shiftEach }))],
      TERM_SIGN,
      use,
    ),
  };
  if (cap && shiftRows.length >= 20 && shiftRows.some((r) => !r.y)) {
    // The shift texts' own logistic map, its 0.5 point moved to the lowest logit above which at
    // most `risk` of all shift texts are wrong.
    const s = fitLogistic(shiftRows, TERM_SIGN, use);
    const logit = shiftRows.map((r) => {
      let t = s.a * r.x + s.b;
      s.g!.forEach((g, j) => {
        t += g * r.z[j]!;
      });
      return { t, y: r.y };
    });
    logit.sort((p, q) => q.t - p.t);
    const allowed = Math.floor(cap.risk * shiftRows.length);
    let wrong = 0;
    let cut = logit[0]!.t + 1e-6;
    for (const r of logit) {
      if (!r.y && ++wrong > allowed) {
        cut = (cut + r.t) / 2;
        break;
      }
      cut = r.t;
    }
    // It only decides which side of 0.5 a letter falls: above its cut the pooled calibration
    // stays in charge (the auto-dispatch thresholds are fitted there).
    calibration.shiftCap = { a: s.a, b: s.b - cut, g: s.g, ...cap };
  }
  return calibration;
}

/** Scores of one sparse vector under weights of stride `stride` (bias last in each row). */
function scoreVector(w: Float64Array, stride: number, v: SparseVector, classes: number): Float64Array {
  const out = new Float64Array(classes);
  for (let c = 0; c < classes; c++) {
    const row = c * stride;
    let s = w[row + stride - 1]!;
    for (let k = 0; k < v.index.length; k++) s += w[row + v.index[k]!]! * v.value[k]!;
    out[c] = s;
  }
  return out;
}

/**
 * A text's uncertainty terms under a trained model, from its scores (over `labels`, the allowed
 * ones; the model's labels by default), its features and its parts' features.
 */
export function textTerms(
  model: TextClassifierModel,
  scores: ArrayLike<number>,
  features: readonly string[],
  parts: readonly (readonly string[])[] = [],
  allowed?: readonly number[],
): Float64Array {
  const vocabIndex = vocabIndexOf(model);
  const idx = allowed ?? model.labels.map((_, c) => c);
  const labels = idx.map((c) => model.labels[c]!);
  const top = argmax(scores);
  const partScores = parts.map((f) => {
    const all = scoreText(model, f).scores;
    return { scores: idx.map((c) => all[c]!), weight: f.length };
  });
  return uncertaintyTerms({
    top: scores[top]!,
    unseen: unseenShare(features, (f) => vocabIndex.has(f)),
    length: textLengthTerm(features),
    disagree: partDisagreement(partScores, labels, familyOf(labels[top]!)),
  });
}

const vocabIndexCache = new WeakMap<TextClassifierModel, Map<string, number>>();
const featureMajorCache = new WeakMap<TextClassifierModel, Float32Array>();

function vocabIndexOf(model: TextClassifierModel): Map<string, number> {
  let vocabIndex = vocabIndexCache.get(model);
  if (!vocabIndex) {
    vocabIndex = indexOf(model.vocab);
    vocabIndexCache.set(model, vocabIndex);
  }
  return vocabIndex;
}

function vectorOf(model: TextClassifierModel, features: readonly string[], dense?: ArrayLike<number>) {
  return vectorize(features, vocabIndexOf(model), model.idf, model.vocab, model.blockWeights, dense);
}

/**
 * The model's weights feature-major (width × classes), built once per model: a text's ≈ 100
 * features then read ≈ 100 contiguous runs of `classes` weights instead of one scattered value per
 * class and feature from the class-major matrix (tens of MB, a cache miss each).
 */
function featureMajor(model: TextClassifierModel): Float32Array {
  let t = featureMajorCache.get(model);
  if (t) return t;
  const classes = model.labels.length;
  const width = model.vocab.length + model.denseWidth;
  t = new Float32Array(classes * width);
  for (let c = 0; c < classes; c++) {
    const row = c * width;
    for (let q = 0; q < width; q++) t[q * classes + c] = model.weights[row + q]!;
  }
  featureMajorCache.set(model, t);
  return t;
}

/**
 * The raw class scores of a featurised text (before calibration), and its vector. Each class's score
 * is its bias plus the products in the vector's order, as `scoreTextByClass` sums them: the same
 * numbers, read from the feature-major copy of the weights.
 */
export function scoreText(
  model: TextClassifierModel,
  features: readonly string[],
  dense?: ArrayLike<number>,
) {
  const v = vectorOf(model, features, dense);
  const classes = model.labels.length;
  const weights = featureMajor(model);
  const scores = Float64Array.from(model.bias);
  for (let k = 0; k < v.index.length; k++) {
    const from = v.index[k]! * classes;
    const x = v.value[k]!;
    for (let c = 0; c < classes; c++) scores[c]! += weights[from + c]! * x;
  }
  return { scores, vector: v };
}

/** `scoreText` straight from the class-major weights (the reference its tests compare with). */
export function scoreTextByClass(
  model: TextClassifierModel,
  features: readonly string[],
  dense?: ArrayLike<number>,
) {
  const v = vectorOf(model, features, dense);
  const classes = model.labels.length;
  const width = model.vocab.length + model.denseWidth;
  const scores = new Float64Array(classes);
  for (let c = 0; c < classes; c++) {
    let s = model.bias[c]!;
    const row = c * width;
    for (let k = 0; k < v.index.length; k++) s += model.weights[row + v.index[k]!]! * v.value[k]!;
    scores[c] = s;
  }
  return { scores, vector: v };
}

/**
 * The most likely label for a featurised text among the `allow`ed ones (probabilities renormalised
 * over them: the complaint's kind is known), its calibrated probability, the ranking and the evidence.
 */
export function predictText(
  model: TextClassifierModel,
  features: readonly string[],
  options: {
    evidenceCount?: number;
    allow?: (label: string) => boolean;
    dense?: ArrayLike<number>;
    /** The featurised parts of the message (features.ts `classifierInput`), for a version-4 model. */
    parts?: readonly (readonly string[])[];
  } = {},
): Prediction {
  const evidenceCount = options.evidenceCount ?? 3;
  const { scores, vector: v } = scoreText(model, features, options.dense);
  const allowed = model.labels.map((l) => options.allow?.(l) ?? true);
  const kept = model.labels.map((_, c) => c).filter((c) => allowed[c]);
  if (kept.length === 0) return { label: '', probability: 0, ranked: [], evidence: [] };
  const keptScores = kept.map((c) => scores[c]!);
  const terms = model.calibration?.family.g
    ? textTerms(model, keptScores, features, options.parts, kept)
    : undefined;
  const p = calibratedProbabilities(
    keptScores,
    kept.map((c) => model.labels[c]!),
    model.temperature,
    model.calibration,
    terms,
  );
  // Equal probabilities (capped shares) keep the scores' order.
  const ranked = kept
    .map((c, j) => ({ label: model.labels[c]!, probability: p[j]!, score: scores[c]! }))
    .sort((a, b) => b.probability - a.probability || b.score - a.score)
    .map(({ label, probability }) => ({ label, probability }));
  const top = model.labels.indexOf(ranked[0]!.label);
  const width = model.vocab.length + model.denseWidth;
  // Words first: a contributing word explains better than a character n-gram.
  const contributions = [...v.index]
    .map((j, k) => ({ feature: model.vocab[j] ?? '', weight: model.weights[top * width + j]! * v.value[k]! }))
    .filter((x) => x.weight > 0 && x.feature !== '')
    .sort((a, b) => b.weight - a.weight);
  const evidence: string[] = [];
  for (const x of [
    ...contributions.filter((c) => c.feature.startsWith('w:') || c.feature.startsWith('t:')),
    ...contributions.filter((c) => c.feature.startsWith('c:') && [...c.feature].length > 3),
  ]) {
    const text = featureText(x.feature);
    if (evidence.some((e) => e.includes(text) || text.includes(e))) continue;
    evidence.push(text);
    if (evidence.length >= evidenceCount) break;
  }
  return { label: ranked[0]!.label, probability: ranked[0]!.probability, ranked, evidence };
}

/** JSON-safe form for storage: float arrays as base64 of their little-endian bytes. */
export interface SerializedTextClassifier {
  version: 2 | 3 | 4;
  labels: string[];
  vocab: string[];
  idf: string;
  blockWeights: BlockWeights;
  denseWidth: number;
  weights: string;
  bias: string;
  temperature: number;
  calibration?: MarginCalibration;
  ensemble?: number;
  c: number;
  innerMacroF1: number;
  innerLogLoss: number;
  innerDispatch?: { coverage: number; precision: number };
  innerCalibrationError?: number;
  shiftFit?: ShiftFit;
}

const toBase64 = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
const fromBase64 = (s: string) => {
  const bytes = Buffer.from(s, 'base64');
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Float32Array(copy.buffer);
};

export function serializeTextClassifier(m: TextClassifierModel): SerializedTextClassifier {
  return {
    ...m,
    idf: toBase64(m.idf),
    weights: toBase64(m.weights),
    bias: toBase64(m.bias),
  };
}

/** A stored model; throws on a format this code cannot read (e.g. a version-1 snapshot). */
export function deserializeTextClassifier(s: SerializedTextClassifier): TextClassifierModel {
  if (s.version !== 2 && s.version !== 3 && s.version !== 4)
    throw new Error(`Unknown model version ${String(s.version)}`);
  const m: TextClassifierModel = {
    ...s,
    idf: fromBase64(s.idf),
    weights: fromBase64(s.weights),
    bias: fromBase64(s.bias),
  };
  if (m.weights.length !== m.labels.length * (m.vocab.length + m.denseWidth))
    throw new Error('Model shape mismatch');
  return m;
}
