import { describe, expect, it } from 'vitest';
import { textFeatures } from './features';
import { segmentWords } from './segment';
import {
  deserializeTextClassifier,
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
    expect(f).not.toContain('w:了');
    expect(f).not.toContain('w:3');
    expect(f.some((x) => x.includes('！'))).toBe(false);
  });
});

describe('the text classifier', () => {
  const model = trainTextClassifier(
    TOY.map(([text, label]) => ({ features: feats(text), label })),
    { epochs: 30 },
  );

  it('learns a toy set: unseen texts go to the right class, with the words that decided it', () => {
    const water = predictText(model, feats('我家停水了，没有水喝'));
    expect(water.label).toBe('water');
    expect(water.evidence.join()).toMatch(/水/);
    expect(predictText(model, feats('晚上噪音吵得睡不着')).label).toBe('noise');
    expect(predictText(model, feats('物业收费不合理')).label).toBe('fees');
    expect(water.ranked.reduce((s, r) => s + r.probability, 0)).toBeCloseTo(1);
  });

  it('is deterministic and survives serialisation unchanged', () => {
    const again = trainTextClassifier(
      TOY.map(([text, label]) => ({ features: feats(text), label })),
      { epochs: 30 },
    );
    expect(Array.from(again.weights)).toEqual(Array.from(model.weights));
    const restored = deserializeTextClassifier(JSON.parse(JSON.stringify(serializeTextClassifier(model))));
    const text = feats('供水管道漏水');
    expect(predictText(restored, text)).toEqual(predictText(model, text));
  });

  it('refuses a single label', () => {
    expect(() => trainTextClassifier([{ features: ['w:a'], label: 'x' }])).toThrow(/two labels/);
  });
});
