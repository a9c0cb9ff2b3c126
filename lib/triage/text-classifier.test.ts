import { describe, expect, it } from 'vitest';
import { decideCategory, SHIPPED_THRESHOLDS } from './decide-category';
import { textFeatures } from './features';
import { scoreRow, sparseRows, trainOneVsRest } from './linear-svm';
import { seededRandom } from './random';
import { segmentWords } from './segment';
import { HAND_MADE_V3 } from './testing/hand-made-model';
import {
  calibratedProbabilities,
  deserializeTextClassifier,
  fitPlatt,
  fitTemperature,
  type MarginCalibration,
  predictText,
  scoreText,
  scoreTextByClass,
  serializeTextClassifier,
  type TextClassifierModel,
  trainTextClassifier,
} from './text-classifier';

const TOY: [string, string][] = [
  ['村里停水三天了，没有水喝', 'water'],
  ['自来水管道破裂，家里断水', 'water'],
  ['蓄水池干了，吃水困难', 'water'],
  ['水龙头没有水，供水中断', 'water'],
  ['楼下烧烤店噪音太大，吵得睡不着', 'noise'],
  ['广场舞音响噪声扰民', 'noise'],
  ['工地夜里施工噪音很大', 'noise'],
  ['隔壁装修电钻声音太吵', 'noise'],
  ['物业费涨价没有公示', 'fees'],
  ['物业乱收费，停车费太贵', 'fees'],
  ['物业公司多收费用不给发票', 'fees'],
  ['电梯维修费摊派不合理', 'fees'],
];

const feats = (text: string) => textFeatures(text, segmentWords);

describe('textFeatures', () => {
  it('keeps content words and character bigrams, drops numbers, punctuation and function words', () => {
    const f = feats('我们村停水3天了！');
    expect(f).toContain('w:停水');
    expect(f).toContain('c:停水');
    expect(f).toContain('c:村停水');
    expect(f).toContain('c:0天');
    expect(f).not.toContain('w:了');
    expect(f).not.toContain('w:3');
    expect(f.some((x) => x.includes('！'))).toBe(false);
  });

  it('counts a board letter title apart from its body, and folds full-width letters and digits', () => {
    const f = feats('小区停水三天\n尊敬的领导：我们小区从１２号起没有水。');
    expect(f).toContain('t:停水');
    expect(f).toContain('c:00号');
    expect(feats('没有标题的一句话').some((x) => x.startsWith('t:'))).toBe(false);
  });
});

const model = trainTextClassifier(TOY.map(([text, label]) => ({ features: feats(text), label })));

describe('the text classifier', () => {
  it('learns a toy set: unseen texts go to the right class, with the words that decided it', () => {
    const water = predictText(model, feats('我家停水了，没有水喝'));
    expect(water.label).toBe('water');
    expect(water.evidence.join()).toMatch(/水/);
    expect(predictText(model, feats('晚上噪音吵得睡不着')).label).toBe('noise');
    expect(predictText(model, feats('物业收费不合理')).label).toBe('fees');
    expect(water.ranked.reduce((s, r) => s + r.probability, 0)).toBeCloseTo(1);
  });

  it('is deterministic and survives serialisation unchanged', () => {
    const again = trainTextClassifier(TOY.map(([text, label]) => ({ features: feats(text), label })));
    expect(Array.from(again.weights)).toEqual(Array.from(model.weights));
    const restored = deserializeTextClassifier(JSON.parse(JSON.stringify(serializeTextClassifier(model))));
    const text = feats('供水管道漏水');
    expect(predictText(restored, text)).toEqual(predictText(model, text));
  });

  it('scores from its feature-major copy of the weights exactly as from the class-major weights', () => {
    const texts = ['我家停水了，没有水喝', '晚上噪音吵得睡不着', '物业收费不合理', '路灯坏了', ''];
    for (const t of texts)
      expect(Array.from(scoreText(model, feats(t)).scores)).toEqual(
        Array.from(scoreTextByClass(model, feats(t)).scores),
      );
    // With a dense block after the vocabulary (a prior model's probabilities).
    const withPrior = trainTextClassifier(
      TOY.map(([text, label], i) => ({
        features: feats(text),
        label,
        dense: [i % 3 === 0 ? 0.9 : 0.1, 0.5],
      })),
      { cGrid: [1] },
    );
    expect(withPrior.denseWidth).toBe(2);
    for (const t of texts) {
      const fast = scoreText(withPrior, feats(t), [0.7, 0.2]).scores;
      expect(Array.from(fast)).toEqual(Array.from(scoreTextByClass(withPrior, feats(t), [0.7, 0.2]).scores));
      expect(fast.some((x) => x !== 0)).toBe(true);
    }
  });

  it('refuses a single label', () => {
    expect(() => trainTextClassifier([{ features: ['w:a'], label: 'x' }])).toThrow(/two labels/);
  });
});

describe('the solver and the calibration', () => {
  it('solves a separable one-vs-rest problem exactly: every training row on the right side of the margin', () => {
    const rows = [
      { index: Int32Array.from([0]), value: Float64Array.from([1]) },
      { index: Int32Array.from([0, 1]), value: Float64Array.from([0.8, 0.6]) },
      { index: Int32Array.from([2]), value: Float64Array.from([1]) },
      { index: Int32Array.from([1, 2]), value: Float64Array.from([0.6, 0.8]) },
    ];
    const x = sparseRows(rows, 3);
    const targets = Int32Array.from([0, 0, 1, 1]);
    const [w] = trainOneVsRest(x, targets, 2, [100], { balance: false, eps: 1e-4 });
    for (let i = 0; i < 4; i++) {
      const s = scoreRow(w!, x, i, 2);
      const own = targets[i]!;
      expect(s[own]!).toBeGreaterThan(0.9);
      expect(s[1 - own]!).toBeLessThan(-0.9);
    }
  });

  it('fits the temperature that makes scores honest: sharper when the top score is always right', () => {
    const scores = Array.from({ length: 200 }, (_, i) => Float64Array.from(i % 2 ? [1, -1] : [-1, 1]));
    const always = Int32Array.from({ length: 200 }, (_, i) => (i % 2 ? 0 : 1));
    // Right 3 times in 4: softmax(t·[1,-1]) should give ≈ 0.75, i.e. t = ln 3 / 2.
    const mostly = Int32Array.from(always, (t, i) => (i % 4 === 0 ? 1 - t : t));
    expect(fitTemperature(scores, always)).toBeGreaterThan(5);
    expect(fitTemperature(scores, mostly)).toBeCloseTo(Math.log(3) / 2, 2);
  });

  it('chooses C by inner cross-validation and stores what it chose', () => {
    expect([0.03, 0.1, 0.3, 1, 3]).toContain(model.c);
    expect(model.temperature).toBeGreaterThan(0);
    expect(model.innerMacroF1).toBeGreaterThan(0.5);
  });
});

describe('the margin calibration', () => {
  const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

  it('recovers a known logistic relation between margin and correctness (Platt)', () => {
    const random = seededRandom(7);
    const x: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const m = random() * 2;
      x.push(m);
      y.push(random() < sigmoid(3 * m - 2) ? 1 : 0);
    }
    const s = fitPlatt(x, y);
    expect(s.a).toBeGreaterThan(2.7);
    expect(s.a).toBeLessThan(3.3);
    expect(s.b).toBeGreaterThan(-2.3);
    expect(s.b).toBeLessThan(-1.7);
  });

  it('stays finite on perfectly separated outcomes and never lowers confidence as the margin grows', () => {
    const s = fitPlatt([0, 0.1, 0.2, 0.8, 0.9, 1], [0, 0, 0, 1, 1, 1]);
    expect(Number.isFinite(s.a) && Number.isFinite(s.b)).toBe(true);
    expect(sigmoid(s.a + s.b)).toBeLessThan(0.99);
    expect(s.a).toBeGreaterThanOrEqual(0);
    // Outcomes that fall with the margin still give a flat map, not a decreasing one.
    expect(fitPlatt([0, 1, 2, 3], [1, 1, 0, 0]).a).toBe(0);
  });

  it('is honest on synthetic scores: predicted confidence matches how often the top label is right', () => {
    // Three classes; the top label is right with probability sigmoid(4·margin − 1), else another is.
    const random = seededRandom(11);
    const draw = (n: number) =>
      Array.from({ length: n }, () => {
        const scores = Float64Array.from([random() * 2 - 1, random() * 2 - 1, random() * 2 - 1]);
        const sorted = [...scores].sort((a, b) => b - a);
        const top = scores.indexOf(sorted[0]!);
        const right = random() < sigmoid(4 * (sorted[0]! - sorted[1]!) - 1);
        const truth = right ? top : (top + 1 + Math.floor(random() * 2)) % 3;
        return { scores, top, margin: sorted[0]! - sorted[1]!, truth };
      });
    const fit = draw(6_000);
    const calibration: MarginCalibration = {
      leaf: fitPlatt(
        fit.map((r) => r.margin),
        fit.map((r) => (r.top === r.truth ? 1 : 0)),
      ),
      family: { a: 0, b: 0 },
    };
    const labels = ['a', 'b', 'c'];
    const test = draw(6_000).map((r) => {
      const p = calibratedProbabilities(r.scores, labels, 1, calibration);
      expect(p.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 9);
      return { p: p[r.top]!, right: r.top === r.truth };
    });
    let ece = 0;
    for (let b = 0; b < 10; b++) {
      const bin = test.filter((t) => Math.min(9, Math.floor(t.p * 10)) === b);
      if (bin.length === 0) continue;
      const meanP = bin.reduce((s, t) => s + t.p, 0) / bin.length;
      const acc = bin.filter((t) => t.right).length / bin.length;
      ece += (bin.length / test.length) * Math.abs(meanP - acc);
    }
    expect(ece).toBeLessThan(0.025);
    // Uncalibrated softmax of these scores is far from honest.
    let eceRaw = 0;
    const raw = draw(6_000).map((r) => {
      const e = Array.from(r.scores, Math.exp);
      return { p: e[r.top]! / e.reduce((s, v) => s + v, 0), right: r.top === r.truth };
    });
    for (let b = 0; b < 10; b++) {
      const bin = raw.filter((t) => Math.min(9, Math.floor(t.p * 10)) === b);
      if (bin.length === 0) continue;
      const meanP = bin.reduce((s, t) => s + t.p, 0) / bin.length;
      eceRaw += (bin.length / raw.length) * Math.abs(meanP - bin.filter((t) => t.right).length / bin.length);
    }
    expect(eceRaw).toBeGreaterThan(0.05);
  });

  it('gives the family at least the top label, shares the rest by the softmax shape, and keeps flat labels flat', () => {
    const calibration: MarginCalibration = { leaf: { a: 4, b: -1 }, family: { a: 6, b: 0 } };
    const labels = ['WY01', 'WY02', 'WY03', 'ZJ01', 'HB01'];
    const p = calibratedProbabilities([1, 0.9, 0.85, 0.2, -1], labels, 5, calibration);
    expect(p[0]).toBeCloseTo(sigmoid(4 * 0.1 - 1), 9);
    expect(p[0]! + p[1]! + p[2]!).toBeCloseTo(Math.max(p[0]!, sigmoid(6 * 0.8)), 9);
    // WY02's share by the shape would pass the top label's: it is capped there, WY03 takes the rest.
    expect(p[1]).toBeCloseTo(p[0]!, 9);
    expect(p[3]!).toBeGreaterThan(p[4]!);
    expect(Array.from(p).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 9);
    // A sure family of two near-equal labels: both about a half, the top one first.
    const pair = calibratedProbabilities([1, 0.95, -1], ['WY01', 'WY02', 'HB01'], 5, calibration);
    expect(pair[0]!).toBeGreaterThanOrEqual(pair[1]!);
    expect(pair[0]!).toBeGreaterThan(0.45);
    expect(pair[0]! + pair[1]!).toBeGreaterThan(0.99);
    const flat = calibratedProbabilities([1, 0.5], ['城乡建设', '环境保护'], 5, calibration);
    expect(flat[0]).toBeCloseTo(sigmoid(4 * 0.5 - 1), 9);
    expect(flat[1]).toBeCloseTo(1 - flat[0]!, 9);
    // A top label calibrated below its runner-up's share: the runner-up is capped at the top's level.
    const near = calibratedProbabilities([0.05, 0, -3], ['WY01', 'ZJ01', 'HB01'], 5, calibration);
    expect(near[0]).toBeCloseTo(Math.max(sigmoid(4 * 0.05 - 1), 1 / 3), 9);
    expect(near[1]!).toBeLessThanOrEqual(near[0]! + 1e-12);
    expect(Array.from(near).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 9);
  });

  it('makes the shipped rule abstain on a prediction whose runner-up is close, and decide on a clear one', () => {
    // A hand-made two-feature model: "w:甲" scores WY02, "w:乙" scores JY02 (another family).
    const model = HAND_MADE_V3;
    // Both words: WY02 leads by the bias alone (0.05).
    const close = predictText(model, ['w:甲', 'w:乙']);
    expect(close.label).toBe('WY02');
    expect(close.probability).toBeLessThan(0.5);
    expect(close.ranked.map((r) => r.label)).toEqual(['WY02', 'JY02', 'HB01']);
    expect(decideCategory(close.ranked, SHIPPED_THRESHOLDS).code).toBeNull();
    const clear = predictText(model, ['w:甲']);
    expect(clear.probability).toBeGreaterThan(SHIPPED_THRESHOLDS.leaf);
    expect(decideCategory(clear.ranked, SHIPPED_THRESHOLDS)).toMatchObject({ code: 'WY02', level: 2 });
  });

  it('averages the inner folds’ models (a cross-fitted ensemble) and stores the calibration', () => {
    expect(model.version).toBe(4);
    expect(model.ensemble).toBe(3);
    expect(model.calibration!.leaf.a).toBeGreaterThanOrEqual(0);
    expect(model.calibration!.family.g).toHaveLength(4);
    const restored = deserializeTextClassifier(JSON.parse(JSON.stringify(serializeTextClassifier(model))));
    expect(restored.calibration).toEqual(model.calibration);
  });
});
