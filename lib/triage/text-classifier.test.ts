import { describe, expect, it } from 'vitest';
import { textFeatures } from './features';
import { scoreRow, sparseRows, trainOneVsRest } from './linear-svm';
import { segmentWords } from './segment';
import {
  deserializeTextClassifier,
  fitTemperature,
  predictText,
  serializeTextClassifier,
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
