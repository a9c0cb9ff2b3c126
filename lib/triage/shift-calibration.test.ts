import { describe, expect, it } from 'vitest';
import { messageParts } from './features';
import { HAND_MADE_V3 } from './testing/hand-made-model';
import {
  calibratedProbabilities,
  deserializeTextClassifier,
  fitCalibration,
  fitLogistic,
  type InnerCalibrationRows,
  type MarginCalibration,
  partDisagreement,
  predictText,
  ReliabilityBins,
  type SerializedTextClassifier,
  serializeTextClassifier,
  type TextClassifierModel,
  textLengthTerm,
  UNCERTAINTY_TERMS,
  uncertaintyTerms,
  unseenShare,
} from './text-classifier';

const sigmoid = (t: number) => 1 / (1 + Math.exp(-t));

describe('messageParts', () => {
  it('splits a long letter body into parts of at least 24 characters, the title left out', () => {
    const letter =
      '关于小区的两个问题\n我们小区门口的垃圾站每天早上五点压缩作业，噪音把全楼的人都吵醒了。' +
      '另外物业费从每平米一块涨到两块，没有开业主大会也没有公示。请一并处理。';
    const parts = messageParts(letter);
    expect(parts).toHaveLength(2);
    expect(parts[0]).toContain('垃圾站');
    expect(parts[1]).toContain('物业费');
    expect(parts[1]).toContain('请一并处理'); // the short tail joins the last part
    expect(parts.join('')).not.toContain('关于小区的两个问题');
  });

  it('gives no parts for a message of one short sentence or two', () => {
    expect(messageParts('村里停水三天了，没有水喝')).toEqual([]);
    expect(messageParts('路灯坏了。晚上很黑。')).toEqual([]);
  });
});

describe('uncertainty terms', () => {
  it('counts the share of character 2–3-grams and words the model does not know (not unigrams or pairs)', () => {
    const known = new Set(['c:停水', 'w:停水']);
    const f = ['c:停', 'c:停水', 'c:水三', 'w:停水', 'w:三天', 'b:停水_三天', 't:停水'];
    expect(unseenShare(f, (x) => known.has(x))).toBeCloseTo(2 / 4, 12);
    expect(unseenShare(['c:停'], () => false)).toBe(0);
  });

  it('measures length by the Chinese characters', () => {
    expect(textLengthTerm(['c:停', 'c:水', 'c:停水', 'w:停水'])).toBeCloseTo(Math.log1p(2), 12);
  });

  it('weighs the parts whose own best family differs from the text’s', () => {
    const labels = ['HB01', 'HB02', 'WY02'];
    const parts = [
      { scores: [1, 0, -1], weight: 30 }, // HB
      { scores: [-1, -1, 0.5], weight: 10 }, // WY
    ];
    expect(partDisagreement(parts, labels, 'HB')).toBeCloseTo(10 / 40, 12);
    expect(partDisagreement(parts, labels, 'WY')).toBeCloseTo(30 / 40, 12);
    expect(partDisagreement([], labels, 'HB')).toBe(0);
  });

  it('clamps the top score and keeps the terms in the documented order', () => {
    expect(UNCERTAINTY_TERMS).toEqual(['top', 'unseen', 'length', 'disagree']);
    expect(Array.from(uncertaintyTerms({ top: 9, unseen: 0.3, length: 4, disagree: 0.5 }))).toEqual([
      3, 0.3, 4, 0.5,
    ]);
  });
});

describe('fitLogistic', () => {
  // Outcomes drawn from p = σ(2·x − 3·disagree): a margin helps, disagreeing parts hurt.
  const rows = Array.from({ length: 4000 }, (_, i) => {
    const x = ((i * 7919) % 1000) / 250 - 1;
    const d = ((i * 104729) % 997) / 997;
    const u = ((i * 15485863) % 1009) / 1009;
    return { x, z: [0, 0.4, 4, d], y: (u < sigmoid(2 * x - 3 * d) ? 1 : 0) as 0 | 1 };
  });

  it('learns that disagreeing parts lower the confidence at the same margin', () => {
    const s = fitLogistic(rows, [1, -1, 0, -1], [false, false, false, true]);
    expect(s.a).toBeGreaterThan(1.5);
    expect(s.g![3]!).toBeLessThan(-2);
    expect(s.g![3]!).toBeGreaterThan(-4);
  });

  it('holds a term of the wrong sign at 0 instead of rewarding it', () => {
    // Flip the outcome's dependence: now disagreement "helps", which the sign forbids.
    const flipped = rows.map((r) => ({ ...r, z: [0, 0.4, 4, 1 - r.z[3]!] }));
    const s = fitLogistic(flipped, [1, -1, 0, -1], [false, false, false, true]);
    expect(s.g![3]).toBe(0);
    expect(s.a).toBeGreaterThan(1);
  });
});

describe('version-4 calibration', () => {
  const calibration: MarginCalibration = {
    leaf: { a: 4, b: 0, g: [0, 0, 0, -2] },
    family: { a: 4, b: 1, g: [0, 0, 0, -4] },
  };
  const labels = ['WY01', 'WY02', 'HB01'];
  const scores = [1, 0.2, -0.5];

  it('lowers the probability of a text whose parts disagree, and never puts the leaf above its family', () => {
    const calm = calibratedProbabilities(scores, labels, 5, calibration, [0, 0.4, 4, 0]);
    const torn = calibratedProbabilities(scores, labels, 5, calibration, [0, 0.4, 4, 0.8]);
    expect(calm[0]).toBeCloseTo(sigmoid(4 * 0.8), 9);
    expect(torn[0]!).toBeLessThan(calm[0]!);
    const family = torn[0]! + torn[1]!;
    expect(family).toBeCloseTo(sigmoid(4 * 1.5 + 1 - 3.2), 9);
    expect(torn[0]!).toBeLessThanOrEqual(family + 1e-12);
  });

  it('shrinks a long message below the shift cut under 0.5, and leaves a short one or one above the cut alone', () => {
    const capped: MarginCalibration = {
      ...calibration,
      // The cut sits at a family margin of 2 (σ(6·m − 12) = 0.5).
      shiftCap: { a: 6, b: -12, g: [0, 0, 0, 0], minLength: 40, risk: 0.01, ceiling: 0.45 },
    };
    // Ten more labels of other families far behind (so the 1/n floor of the top label is low).
    const many = [...labels, ...Array.from({ length: 10 }, (_, i) => `JT${String(i + 1).padStart(2, '0')}`)];
    const manyScores = [...scores, ...Array.from({ length: 10 }, () => -2)];
    const short = calibratedProbabilities(manyScores, many, 5, capped, [0, 0.4, Math.log1p(20), 0]);
    const long = calibratedProbabilities(manyScores, many, 5, capped, [0, 0.4, Math.log1p(120), 0]);
    expect(short[0]).toBeCloseTo(sigmoid(4 * 0.8), 9);
    // Family margin 1.5, below the cut: the family's probability × 0.45, the leaf follows it down,
    // the ranking stays the scores'.
    expect(long[0]! + long[1]!).toBeCloseTo(0.45 * sigmoid(4 * 1.5 + 1), 9);
    expect(long[0]!).toBeLessThan(0.5);
    expect(long[0]!).toBeGreaterThanOrEqual(long[2]!);
    expect(Array.from(long).reduce((t, v) => t + v, 0)).toBeCloseTo(1, 9);
    // Family margin 2.5, above the cut: the corpus calibration decides.
    const clear = [1.5, 0.2, -1, ...Array.from({ length: 10 }, () => -2)];
    const above = calibratedProbabilities(clear, many, 5, capped, [0, 0.4, Math.log1p(120), 0]);
    expect(above[0]).toBeCloseTo(sigmoid(4 * 1.3), 9);
  });
});

describe('the pooled calibration (corpus out-of-fold rows and development letters together)', () => {
  // Corpus rows honest under σ(3·x − 1); every development letter reads as "甲" (a WY02 family
  // margin of 3.05) but only half of them are filed where our family says.
  const corpusRows = (n: number) =>
    Array.from({ length: n }, (_, i) => {
      const x = ((i * 7919) % 1000) / 250 - 0.5;
      const u = ((i * 104729) % 1009) / 1009;
      return { x, z: Float64Array.from([0, 0, 0, 0]), y: (u < sigmoid(3 * x - 1) ? 1 : 0) as 0 | 1 };
    });
  const inner: InnerCalibrationRows = { leaf: corpusRows(2000), family: corpusRows(2000) };
  const letters = Array.from({ length: 40 }, (_, i) => ({
    features: ['w:甲'],
    accept: i % 2 === 0 ? ['WY'] : ['JY'],
  }));
  const onlyMargin = [false, false, false, false];
  const familyAt = (model: TextClassifierModel) => {
    const p = predictText(model, ['w:甲']);
    return p.ranked.filter((r) => r.label.startsWith('WY')).reduce((t, r) => t + r.probability, 0);
  };
  const fresh = (): TextClassifierModel => ({ ...HAND_MADE_V3, version: 4, calibration: undefined });

  it('without the letters, says what the corpus says; with them, a letter-like margin gets their rate', () => {
    const corpusOnly = fresh();
    fitCalibration(corpusOnly, inner, letters, 0, onlyMargin, null);
    const pooled = fresh();
    fitCalibration(pooled, inner, letters, 1, onlyMargin, null);
    // The corpus alone: σ(3 · 3.05 − 1) ≈ 1.
    expect(familyAt(corpusOnly)).toBeGreaterThan(0.99);
    // Half the letters at that margin were wrong, and they weigh as much as the corpus: much lower,
    // and not below the letters' own rate by much.
    expect(familyAt(pooled)).toBeLessThan(0.9);
    expect(familyAt(pooled)).toBeGreaterThan(0.45);
    expect(pooled.calibration!.shiftCap).toBeUndefined();
  });

  it('reports the letters cross-fitted: each fifth predicted by a calibration fitted without it', () => {
    const model = fresh();
    fitCalibration(model, inner, letters, 1, onlyMargin, null);
    expect(model.shiftFit).toMatchObject({ count: 40, familyFirst: 0.5, crossFitted: true });
    // Every letter is at p ≥ 0.5 under a calibration that saw the other 32 (half right): the wrong
    // half counts, the shipped rule decides none of them (the family stays under 0.9).
    expect(model.shiftFit!.wrongAtHalf).toBeCloseTo(0.5, 9);
    expect(model.shiftFit!.decided).toBe(0);
  });

  it('fits the shift cap on top only when asked: a letter like the wrong ones falls under 0.5', () => {
    // Twenty letters read as "甲" and are filed under WY (right), twenty read as "乙" (JY02 first)
    // and are filed under WY too (wrong).
    const mixed = Array.from({ length: 40 }, (_, i) => ({
      features: [i % 2 === 0 ? 'w:甲' : 'w:乙'],
      accept: ['WY'],
    }));
    const capped = fresh();
    fitCalibration(capped, inner, mixed, 0.25, onlyMargin, { risk: 0.01, minLength: 0, ceiling: 0.45 });
    expect(capped.calibration!.shiftCap).toBeDefined();
    expect(predictText(capped, ['w:乙']).probability).toBeLessThan(0.5);
    expect(predictText(capped, ['w:甲']).probability).toBeGreaterThan(0.5);
    expect(capped.shiftFit).toMatchObject({ count: 40, familyFirst: 0.5, wrongAtHalf: 0 });
  });
});

describe('expected calibration error', () => {
  it('weighs each bin’s gap between mean probability and share right by its share of texts', () => {
    const bins = new ReliabilityBins();
    // 0.95 said ten times, right eight: gap 0.15 on half the texts; 0.35 said ten times, right
    // three: gap 0.05 on the other half.
    for (let i = 0; i < 10; i++) bins.add(0.95, i < 8);
    for (let i = 0; i < 10; i++) bins.add(0.35, i < 3);
    expect(bins.error()).toBeCloseTo(0.5 * 0.15 + 0.5 * 0.05, 9);
    const honest = new ReliabilityBins();
    for (let i = 0; i < 20; i++) honest.add(0.5, i % 2 === 0);
    expect(honest.error()).toBeCloseTo(0, 12);
  });
});

describe('older stored models', () => {
  const v3 = HAND_MADE_V3;

  it('loads a version-3 snapshot and predicts with its margin calibration alone (no terms, no cap)', () => {
    const stored = JSON.parse(JSON.stringify(serializeTextClassifier(v3))) as SerializedTextClassifier;
    const model = deserializeTextClassifier(stored);
    expect(model.version).toBe(3);
    const p = predictText(model, ['w:甲'], { parts: [['w:乙'], ['w:乙']] });
    // Scores WY02 2.05, JY02 −2, HB01 −1: leaf margin 3.05, family margin 3.05.
    expect(p.label).toBe('WY02');
    expect(p.probability).toBeCloseTo(1 / (1 + Math.exp(-(3 * 3.05 - 1))), 6);
  });

  it('refuses a format it does not know', () => {
    const stored = serializeTextClassifier(v3);
    expect(() => deserializeTextClassifier({ ...stored, version: 5 as 4 })).toThrow(/Unknown model version/);
  });
});
