import { describe, expect, it } from 'vitest';
import { binomialUpperTail } from './binomial-tail';

/** The tail summed term by term: C(n, k) built by the multiplicative formula, in doubles (n ≤ 60). */
function summedTail(x: number, n: number, p: number): number {
  let sum = 0;
  for (let k = x; k <= n; k++) {
    let c = 1;
    for (let j = 1; j <= k; j++) c = (c * (n - k + j)) / j;
    sum += c * p ** k * (1 - p) ** (n - k);
  }
  return sum;
}

describe('binomialUpperTail', () => {
  it('matches hand-computed tails', () => {
    // P(X ≥ 3 | 4, ½) = (C(4,3) + C(4,4)) / 16 = 5/16.
    expect(binomialUpperTail(3, 4, 0.5)).toBeCloseTo(0.3125, 12);
    // P(X ≥ 1 | 10, 0.1) = 1 − 0.9^10.
    expect(binomialUpperTail(1, 10, 0.1)).toBeCloseTo(1 - 0.9 ** 10, 12);
    // P(X ≥ 5 | 5, 0.2) = 0.2^5.
    expect(binomialUpperTail(5, 5, 0.2)).toBeCloseTo(0.00032, 14);
    // P(X ≥ 10 | 14, 0.4) = Σ_{k=10..14} C(14,k) 0.4^k 0.6^(14−k) = 0.0175095414784 (exact rational).
    expect(binomialUpperTail(10, 14, 0.4)).toBeCloseTo(0.0175095414784, 12);
  });

  it('keeps its precision deep in the tail, where 1 − CDF would be 0', () => {
    // P(X ≥ 60 | 60, ½) = 2^−60.
    expect(binomialUpperTail(60, 60, 0.5) / 2 ** -60).toBeCloseTo(1, 10);
    const p = binomialUpperTail(40, 70, 0.25);
    expect(p).toBeGreaterThan(0);
    expect(p / summedTail(40, 70, 0.25)).toBeCloseTo(1, 9);
  });

  it('agrees with the summed tail on a spread of cases', () => {
    for (const [x, n, pi] of [
      [2, 14, 0.3],
      [7, 20, 0.1],
      [15, 40, 0.5],
      [1, 1, 0.7],
      [30, 55, 0.33],
    ] as const) {
      expect(binomialUpperTail(x, n, pi)).toBeCloseTo(summedTail(x, n, pi), 12);
    }
  });

  it('handles the edges', () => {
    expect(binomialUpperTail(0, 10, 0.3)).toBe(1);
    expect(binomialUpperTail(11, 10, 0.3)).toBe(0);
    expect(binomialUpperTail(1, 10, 0)).toBe(0);
    expect(binomialUpperTail(10, 10, 1)).toBe(1);
    expect(binomialUpperTail(1.5, 10, 0.3)).toBeNaN();
    expect(binomialUpperTail(1, 10, 1.2)).toBeNaN();
  });
});
