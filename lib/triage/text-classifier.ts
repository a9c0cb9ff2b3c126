/**
 * The category suggester, built to generalise from a few hundred texts per class:
 * - features (features.ts): character 1–3-grams, jieba words and word pairs, and the title apart;
 * - TF-IDF per block: sublinear term frequency (1 + ln tf) × smoothed idf (ln((1 + n) / (1 + df)) + 1),
 *   each block L2-normalised and weighted (`blockWeights`), the whole vector L2-normalised again;
 * - one-vs-rest linear SVMs (squared hinge, L2), solved exactly by dual coordinate descent
 *   (linear-svm.ts), each class weighted by n / (K · n_class) so rare classes count;
 * - the regularisation C chosen by an inner cross-validation on the training texts alone (grouped when
 *   the samples carry groups), by macro-F1;
 * - calibrated probabilities: softmax of the class scores times a temperature fitted (least log-loss)
 *   on the inner folds' out-of-fold scores, so a "70 %" is right about 70 % of the time on unseen text.
 * Pure (no I/O). Tests: text-classifier.test.ts; honest figures: `npm run triage:eval`.
 *
 * Explanation: the evidence for a class is the features of the text with the largest contribution
 * x_f · w_{class,f} to its score (the "top words" shown with a suggestion).
 */
import { groupedStratifiedFolds } from './evaluate';
import { featureBlock, featureText } from './features';
import { type SparseRows, scoreRow, sparseRows, trainOneVsRest } from './linear-svm';

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
}

export interface TextClassifierModel {
  version: 2;
  labels: string[];
  vocab: string[];
  idf: Float32Array;
  blockWeights: BlockWeights;
  /** Dense features after the vocabulary (0 when none). */
  denseWidth: number;
  /** labels.length × (vocab.length + denseWidth), row-major by label. */
  weights: Float32Array;
  bias: Float32Array;
  /** Probabilities are softmax(temperature × scores). */
  temperature: number;
  /** The chosen C and the inner cross-validation's macro-F1 and log-loss with it. */
  c: number;
  innerMacroF1: number;
  innerLogLoss: number;
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

export const DEFAULT_TRAIN_OPTIONS: Required<TrainOptions> = {
  minDf: 2,
  maxFeatures: 400_000,
  blockWeights: { c: 1, w: 0.8, t: 0.5 },
  cGrid: [0.03, 0.1, 0.3, 1, 3],
  innerFolds: 3,
  balance: true,
  seed: 1,
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
  const { vocab, idf } = buildVocabulary(
    samples.map((s) => s.features),
    Math.min(o.minDf, Math.max(1, Math.floor(samples.length / classes / 4))),
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
  for (let f = 0; f < k; f++) {
    const trainRows: number[] = [];
    const testRows: number[] = [];
    folds.forEach((fi, i) => {
      (fi === f ? testRows : trainRows).push(i);
    });
    const trainTargets = Int32Array.from(trainRows.map((i) => targets[i]!));
    // A class absent from this fold's training part scores −∞ there (it cannot be predicted).
    const present = new Set(trainTargets);
    const remap = labels.map((_, c) => c).filter((c) => present.has(c));
    const local = Int32Array.from(trainTargets, (t) => remap.indexOf(t));
    const weightsPerC = trainOneVsRest(subset(x, trainRows), local, remap.length, grid, {
      balance: o.balance,
      seed: o.seed,
    });
    grid.forEach((_, g) => {
      for (const i of testRows) {
        const s = scoreRow(weightsPerC[g]!, x, i, remap.length);
        const full = new Float64Array(classes).fill(-1e3);
        remap.forEach((c, j) => {
          full[c] = s[j]!;
        });
        oof[g]![i] = full;
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
  const temperature = fitTemperature(oof[best]!, targets);
  const innerLogLoss = logLoss(oof[best]!, targets, temperature);

  const [full] = trainOneVsRest(x, targets, classes, [grid[best]!], { balance: o.balance, seed: o.seed });
  const width = vocab.length + denseWidth;
  const weights = new Float32Array(classes * width);
  const bias = new Float32Array(classes);
  for (let c = 0; c < classes; c++) {
    weights.set(full!.subarray(c * (width + 1), c * (width + 1) + width), c * width);
    bias[c] = full![c * (width + 1) + width]!;
  }
  return {
    version: 2,
    labels,
    vocab,
    idf,
    blockWeights: o.blockWeights,
    denseWidth,
    weights,
    bias,
    temperature,
    c: grid[best]!,
    innerMacroF1: bestF1,
    innerLogLoss,
  };
}

const vocabIndexCache = new WeakMap<TextClassifierModel, Map<string, number>>();

/** The raw class scores of a featurised text (before calibration), and its vector. */
export function scoreText(
  model: TextClassifierModel,
  features: readonly string[],
  dense?: ArrayLike<number>,
) {
  let vocabIndex = vocabIndexCache.get(model);
  if (!vocabIndex) {
    vocabIndex = indexOf(model.vocab);
    vocabIndexCache.set(model, vocabIndex);
  }
  const v = vectorize(features, vocabIndex, model.idf, model.vocab, model.blockWeights, dense);
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
  options: { evidenceCount?: number; allow?: (label: string) => boolean; dense?: ArrayLike<number> } = {},
): Prediction {
  const evidenceCount = options.evidenceCount ?? 3;
  const { scores, vector: v } = scoreText(model, features, options.dense);
  const allowed = model.labels.map((l) => options.allow?.(l) ?? true);
  const kept = model.labels.map((_, c) => c).filter((c) => allowed[c]);
  if (kept.length === 0) return { label: '', probability: 0, ranked: [], evidence: [] };
  const p = softmax(
    kept.map((c) => scores[c]!),
    model.temperature,
  );
  const ranked = kept
    .map((c, j) => ({ label: model.labels[c]!, probability: p[j]! }))
    .sort((a, b) => b.probability - a.probability);
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
  version: 2;
  labels: string[];
  vocab: string[];
  idf: string;
  blockWeights: BlockWeights;
  denseWidth: number;
  weights: string;
  bias: string;
  temperature: number;
  c: number;
  innerMacroF1: number;
  innerLogLoss: number;
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
  if (s.version !== 2) throw new Error(`Unknown model version ${String(s.version)}`);
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
