/**
 * The category suggester: TF-IDF over word and character-bigram features, then multinomial logistic
 * regression (softmax) with L2 regularisation, trained by stochastic gradient descent with AdaGrad step
 * sizes over a deterministic shuffle. Small and pure (no I/O): training takes the featurised samples,
 * prediction a featurised text. No maintained TypeScript library does sparse TF-IDF + multinomial
 * logistic regression with explainable weights, hence this file (tests: text-classifier.test.ts).
 *
 * TF-IDF: sublinear term frequency (1 + ln tf) × smoothed idf (ln((1 + n) / (1 + df)) + 1), each
 * vector L2-normalised. Vocabulary: features seen in at least `minDf` documents, the `maxFeatures`
 * most frequent kept.
 *
 * Explanation: the evidence for a class is the features of the text with the largest contribution
 * x_f · w_{class,f} to its score (the "top words" shown with a suggestion).
 */
import { featureText } from './features';

export interface TrainingSample {
  features: readonly string[];
  label: string;
}

export interface TrainOptions {
  minDf?: number;
  maxFeatures?: number;
  epochs?: number;
  learningRate?: number;
  l2?: number;
  seed?: number;
}

export interface TextClassifierModel {
  version: 1;
  labels: string[];
  vocab: string[];
  idf: Float32Array;
  /** labels.length × vocab.length, row-major by label. */
  weights: Float32Array;
  bias: Float32Array;
}

export interface SparseVector {
  index: Int32Array;
  value: Float32Array;
}

export interface Prediction {
  label: string;
  probability: number;
  /** Every label with its probability, most likely first. */
  ranked: { label: string; probability: number }[];
  /** The features that pushed the top label most (readable text, strongest first). */
  evidence: string[];
}

export const DEFAULT_TRAIN_OPTIONS: Required<TrainOptions> = {
  minDf: 2,
  maxFeatures: 12_000,
  epochs: 12,
  learningRate: 0.5,
  l2: 1e-6,
  seed: 1,
};

/** mulberry32: a tiny seeded generator so that training and folds are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffleInPlace<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

function buildVocabulary(docs: readonly (readonly string[])[], minDf: number, maxFeatures: number) {
  const df = new Map<string, number>();
  for (const doc of docs) for (const f of new Set(doc)) df.set(f, (df.get(f) ?? 0) + 1);
  const kept = [...df.entries()]
    .filter(([, n]) => n >= minDf)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, maxFeatures);
  const vocab = kept.map(([f]) => f);
  const n = docs.length;
  const idf = new Float32Array(kept.map(([, d]) => Math.log((1 + n) / (1 + d)) + 1));
  return { vocab, idf };
}

function indexOf(vocab: readonly string[]): Map<string, number> {
  return new Map(vocab.map((f, i) => [f, i]));
}

/** The L2-normalised TF-IDF vector of a featurised text (features outside the vocabulary ignored). */
export function vectorize(
  features: readonly string[],
  vocabIndex: ReadonlyMap<string, number>,
  idf: Float32Array,
): SparseVector {
  const tf = new Map<number, number>();
  for (const f of features) {
    const i = vocabIndex.get(f);
    if (i !== undefined) tf.set(i, (tf.get(i) ?? 0) + 1);
  }
  const index = Int32Array.from([...tf.keys()].sort((a, b) => a - b));
  const value = new Float32Array(index.length);
  let norm = 0;
  index.forEach((i, k) => {
    const v = (1 + Math.log(tf.get(i)!)) * idf[i]!;
    value[k] = v;
    norm += v * v;
  });
  norm = Math.sqrt(norm) || 1;
  for (let k = 0; k < value.length; k++) value[k]! /= norm;
  return { index, value };
}

function softmax(scores: Float64Array): Float64Array {
  let max = -Infinity;
  for (const s of scores) max = Math.max(max, s);
  let sum = 0;
  const out = new Float64Array(scores.length);
  for (let c = 0; c < scores.length; c++) {
    out[c] = Math.exp(scores[c]! - max);
    sum += out[c]!;
  }
  for (let c = 0; c < out.length; c++) out[c]! /= sum;
  return out;
}

function scoresOf(model: Pick<TextClassifierModel, 'weights' | 'bias'>, v: SparseVector, classes: number) {
  const width = model.weights.length / classes;
  const scores = new Float64Array(classes);
  for (let c = 0; c < classes; c++) {
    let s = model.bias[c]!;
    const row = c * width;
    for (let k = 0; k < v.index.length; k++) s += model.weights[row + v.index[k]!]! * v.value[k]!;
    scores[c] = s;
  }
  return scores;
}

/** Train a model on featurised samples (at least two labels). */
export function trainTextClassifier(
  samples: readonly TrainingSample[],
  options: TrainOptions = {},
): TextClassifierModel {
  const o = { ...DEFAULT_TRAIN_OPTIONS, ...options };
  const labels = [...new Set(samples.map((s) => s.label))].sort();
  if (labels.length < 2) throw new Error('Training needs at least two labels');
  const { vocab, idf } = buildVocabulary(
    samples.map((s) => s.features),
    Math.min(o.minDf, Math.max(1, Math.floor(samples.length / labels.length / 2))),
    o.maxFeatures,
  );
  const vocabIndex = indexOf(vocab);
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const vectors = samples.map((s) => vectorize(s.features, vocabIndex, idf));
  const targets = samples.map((s) => labelIndex.get(s.label)!);
  const classes = labels.length;
  const width = vocab.length;
  const weights = new Float32Array(classes * width);
  const bias = new Float32Array(classes);
  const gradSq = new Float32Array(classes * width).fill(1e-8);
  const biasGradSq = new Float64Array(classes).fill(1e-8);
  const order = samples.map((_, i) => i);
  const random = seededRandom(o.seed);
  const model = { weights, bias };
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    shuffleInPlace(order, random);
    for (const i of order) {
      const v = vectors[i]!;
      const p = softmax(scoresOf(model, v, classes));
      const y = targets[i]!;
      for (let c = 0; c < classes; c++) {
        const err = p[c]! - (c === y ? 1 : 0);
        if (Math.abs(err) < 1e-6) continue;
        const row = c * width;
        for (let k = 0; k < v.index.length; k++) {
          const j = row + v.index[k]!;
          const g = err * v.value[k]! + o.l2 * weights[j]!;
          gradSq[j]! += g * g;
          weights[j]! -= (o.learningRate * g) / Math.sqrt(gradSq[j]!);
        }
        biasGradSq[c]! += err * err;
        bias[c]! -= (o.learningRate * err) / Math.sqrt(biasGradSq[c]!);
      }
    }
  }
  return { version: 1, labels, vocab, idf, weights, bias };
}

const vocabIndexCache = new WeakMap<TextClassifierModel, Map<string, number>>();

/**
 * The most likely label for a featurised text (among the `allow`ed ones: probabilities stay those of
 * the full model), its probability, the ranking and the evidence.
 */
export function predictText(
  model: TextClassifierModel,
  features: readonly string[],
  options: { evidenceCount?: number; allow?: (label: string) => boolean } = {},
): Prediction {
  const evidenceCount = options.evidenceCount ?? 3;
  let vocabIndex = vocabIndexCache.get(model);
  if (!vocabIndex) {
    vocabIndex = indexOf(model.vocab);
    vocabIndexCache.set(model, vocabIndex);
  }
  const v = vectorize(features, vocabIndex, model.idf);
  const classes = model.labels.length;
  const p = softmax(scoresOf(model, v, classes));
  const ranked = model.labels
    .map((label, c) => ({ label, probability: p[c]! }))
    .filter((r) => options.allow?.(r.label) ?? true)
    .sort((a, b) => b.probability - a.probability);
  if (ranked.length === 0) return { label: '', probability: 0, ranked, evidence: [] };
  const top = model.labels.indexOf(ranked[0]!.label);
  const width = model.vocab.length;
  // Words first: a contributing word explains better than a character pair; bigrams inside a chosen
  // word add nothing.
  const contributions = [...v.index]
    .map((j, k) => ({ feature: model.vocab[j]!, weight: model.weights[top * width + j]! * v.value[k]! }))
    .filter((x) => x.weight > 0)
    .sort((a, b) => b.weight - a.weight);
  const evidence: string[] = [];
  for (const x of [
    ...contributions.filter((c) => c.feature.startsWith('w:')),
    ...contributions.filter((c) => c.feature.startsWith('c:')),
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
  version: 1;
  labels: string[];
  vocab: string[];
  idf: string;
  weights: string;
  bias: string;
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
    version: 1,
    labels: m.labels,
    vocab: m.vocab,
    idf: toBase64(m.idf),
    weights: toBase64(m.weights),
    bias: toBase64(m.bias),
  };
}

export function deserializeTextClassifier(s: SerializedTextClassifier): TextClassifierModel {
  if (s.version !== 1) throw new Error(`Unknown model version ${String(s.version)}`);
  const m = {
    version: 1 as const,
    labels: s.labels,
    vocab: s.vocab,
    idf: fromBase64(s.idf),
    weights: fromBase64(s.weights),
    bias: fromBase64(s.bias),
  };
  if (m.weights.length !== m.labels.length * m.vocab.length) throw new Error('Model shape mismatch');
  return m;
}
