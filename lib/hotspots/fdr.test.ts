import { describe, expect, it } from 'vitest';
import { bhQValues, fdrCriticalP } from './fdr';

describe('Benjamini–Hochberg q-values', () => {
  it('match a hand computation, in the input order', () => {
    // sorted: 0.01, 0.02, 0.03, 0.5 (m = 4): (4/1)·0.01 = 0.04, (4/2)·0.02 = 0.04, (4/3)·0.03 = 0.04, 0.5 → running minimum from the top.
    const q = bhQValues([0.5, 0.02, 0.01, 0.03]);
    expect(q[0]).toBeCloseTo(0.5, 12);
    expect(q[1]).toBeCloseTo(0.04, 12);
    expect(q[2]).toBeCloseTo(0.04, 12);
    expect(q[3]).toBeCloseTo(0.04, 12);
    // (3/1)·0.04 = 0.12 > (3/2)·0.05 = 0.075 → the first takes the second's q; capped at 1.
    const q3 = bhQValues([0.04, 0.05, 0.9]);
    for (const [i, v] of [0.075, 0.075, 0.9].entries()) expect(q3[i]).toBeCloseTo(v, 12);
    expect(bhQValues([0.8, 0.9])[0]).toBeCloseTo(0.9, 12);
    expect(bhQValues([Number.NaN, 0.01])).toEqual([Number.NaN, 0.01]);
  });

  it('decide exactly as the critical p-value does', () => {
    let seed = 7;
    const rand = () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    for (let run = 0; run < 50; run++) {
      const ps = Array.from({ length: 40 }, () => (rand() < 0.3 ? rand() * 0.01 : rand()));
      const qs = bhQValues(ps);
      for (const alpha of [0.01, 0.05, 0.1]) {
        const critical = fdrCriticalP(ps, alpha);
        ps.forEach((p, i) => {
          expect(qs[i]! <= alpha).toBe(critical > 0 && p <= critical);
        });
      }
    }
  });
});
