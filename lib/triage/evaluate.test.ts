import { describe, expect, it } from 'vitest';
import { duplicateClusters } from './dedupe';
import {
  classificationMetrics,
  crossValidate,
  groupedStratifiedFolds,
  metricsFromConfusion,
  stratifiedFolds,
} from './evaluate';

describe('stratifiedFolds', () => {
  const labels = [
    ...Array.from({ length: 23 }, () => 'a'),
    ...Array.from({ length: 11 }, () => 'b'),
    ...Array.from({ length: 7 }, () => 'c'),
  ];

  it('puts ⌊n/k⌋ or ⌈n/k⌉ of every label in every fold, and fold sizes within one', () => {
    const folds = stratifiedFolds(labels, 5, 42);
    for (const [label, n] of [
      ['a', 23],
      ['b', 11],
      ['c', 7],
    ] as const) {
      for (let f = 0; f < 5; f++) {
        const count = labels.filter((l, i) => l === label && folds[i] === f).length;
        expect(count).toBeGreaterThanOrEqual(Math.floor(n / 5));
        expect(count).toBeLessThanOrEqual(Math.ceil(n / 5));
      }
    }
    const sizes = [0, 1, 2, 3, 4].map((f) => folds.filter((x) => x === f).length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });

  it('is deterministic for a seed and shuffles differently for another', () => {
    expect(stratifiedFolds(labels, 5, 7)).toEqual(stratifiedFolds(labels, 5, 7));
    expect(stratifiedFolds(labels, 5, 7)).not.toEqual(stratifiedFolds(labels, 5, 8));
  });
});

describe('metrics', () => {
  it('computes accuracy, per-class precision/recall/F1 and macro-F1 from a hand-built confusion matrix', () => {
    // rows actual, columns predicted: a b c
    const m = metricsFromConfusion(
      ['a', 'b', 'c'],
      [
        [8, 2, 0],
        [1, 3, 1],
        [0, 0, 0],
      ],
    );
    expect(m.accuracy).toBeCloseTo(11 / 15);
    const [a, b, c] = m.perClass;
    expect(a!.precision).toBeCloseTo(8 / 9);
    expect(a!.recall).toBeCloseTo(8 / 10);
    expect(a!.f1).toBeCloseTo((2 * (8 / 9) * 0.8) / (8 / 9 + 0.8));
    expect(b!.precision).toBeCloseTo(3 / 5);
    expect(b!.recall).toBeCloseTo(3 / 5);
    expect(b!.f1).toBeCloseTo(0.6);
    // c: never actual, predicted once wrongly → precision 0, recall 0/0 = 0.
    expect(c).toMatchObject({ precision: 0, recall: 0, f1: 0, support: 0 });
    expect(m.macroF1).toBeCloseTo((a!.f1 + 0.6 + 0) / 3);
  });

  it('builds the same matrix from label lists', () => {
    const m = classificationMetrics(['a', 'a', 'b', 'b'], ['a', 'b', 'b', 'b']);
    expect(m.confusion).toEqual([
      [1, 1],
      [0, 2],
    ]);
    expect(m.accuracy).toBe(0.75);
  });
});

describe('crossValidate', () => {
  it('predicts every sample exactly once, out of fold', () => {
    const samples = Array.from({ length: 20 }, (_, i) => ({ label: i % 2 ? 'odd' : 'even', n: i }));
    const seen: number[] = [];
    const result = crossValidate(
      samples,
      (train) => {
        const trained = new Set(train.map((s) => s.n));
        return (s) => {
          expect(trained.has(s.n)).toBe(false);
          seen.push(s.n);
          return s.n % 2 ? 'odd' : 'even';
        };
      },
      { k: 5 },
    );
    expect(seen.sort((a, b) => a - b)).toEqual(samples.map((s) => s.n));
    expect(result.accuracy).toBe(1);
    expect(result.macroF1).toBe(1);
  });
});

describe('groupedStratifiedFolds', () => {
  it('never splits a group across folds and keeps the labels balanced', () => {
    const labels: string[] = [];
    const groups: string[] = [];
    for (let g = 0; g < 40; g++) {
      const size = 1 + (g % 3);
      for (let j = 0; j < size; j++) {
        labels.push(g % 2 ? 'a' : 'b');
        groups.push(`g${g}`);
      }
    }
    const folds = groupedStratifiedFolds(labels, groups, 5, 3);
    const foldOf = new Map<string, number>();
    groups.forEach((g, i) => {
      if (foldOf.has(g)) expect(folds[i]).toBe(foldOf.get(g));
      foldOf.set(g, folds[i]!);
    });
    for (const label of ['a', 'b']) {
      const perFold = [0, 1, 2, 3, 4].map(
        (f) => labels.filter((l, i) => l === label && folds[i] === f).length,
      );
      expect(Math.max(...perFold) - Math.min(...perFold)).toBeLessThanOrEqual(3);
    }
  });
});

describe('duplicateClusters', () => {
  it('joins exact copies (punctuation aside) and near copies, not texts that merely share a topic', () => {
    const texts = [
      '小区门口的路灯坏了三个月，晚上出门一片漆黑，老人摔倒过两次，请尽快修好。',
      '小区门口的路灯坏了三个月晚上出门一片漆黑老人摔倒过两次请尽快修好',
      '小区门口的路灯坏了三个月，晚上出门一片漆黑，老人摔倒过两次，请尽快修好！谢谢',
      '我们村的路灯也坏了，村委会说没钱修，晚上孩子放学回家很危险。',
    ];
    const c = duplicateClusters(texts);
    expect(c[1]).toBe(c[0]);
    expect(c[2]).toBe(c[0]);
    expect(c[3]).not.toBe(c[0]);
  });
});
