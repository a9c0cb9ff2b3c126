import { describe, expect, it } from 'vitest';
import { nbMean, nbUpperLimit, nbUpperTail, predictive } from './negative-binomial';

/** P(X = k) by the recursion P(0) = p^r, P(k + 1) = P(k) (k + r) / (k + 1) (1 − p). */
function pmfs(r: number, p: number, upTo: number): number[] {
  const out = [p ** r];
  for (let k = 0; k < upTo; k++) out.push((out[k]! * (k + r) * (1 - p)) / (k + 1));
  return out;
}

describe('negative binomial predictive', () => {
  it('has the gamma–Poisson mean a m / b', () => {
    expect(nbMean(predictive(12, 112, 1))).toBeCloseTo(12 / 112, 12);
    expect(nbMean(predictive(12, 112, 7))).toBeCloseTo((12 * 7) / 112, 12);
  });

  it('upper tails agree with summed probabilities', () => {
    for (const [r, p] of [
      [0.5, 0.9],
      [3.2, 0.95],
      [40, 0.99],
      [1, 0.5],
    ] as const) {
      const probs = pmfs(r, p, 200);
      for (const x of [1, 2, 3, 5, 10]) {
        const tail = 1 - probs.slice(0, x).reduce((a, b) => a + b, 0);
        expect(nbUpperTail(x, { r, p })).toBeCloseTo(tail, 10);
      }
    }
    expect(nbUpperTail(0, { r: 2, p: 0.5 })).toBe(1);
  });

  it('the upper limit is the smallest k with P(X > k) ≤ α', () => {
    for (const [r, p] of [
      [0.05, 0.99],
      [2, 0.9],
      [30, 0.8],
      [500, 0.99],
      [20000, 0.995],
    ] as const) {
      for (const alpha of [0.05, 0.001]) {
        const d = { r, p };
        const u = nbUpperLimit(d, alpha);
        expect(nbUpperTail(u + 1, d)).toBeLessThanOrEqual(alpha);
        if (u > 0) expect(nbUpperTail(u, d)).toBeGreaterThan(alpha);
      }
    }
  });

  it('a Poisson-like case (mean 1.2, long history): limit 6 at α = 0.001, 4 at α = 0.01', () => {
    // Poisson(1.2): P(X ≥ 5) = 0.0077, P(X ≥ 6) = 0.0017, P(X ≥ 7) = 0.00025.
    const d = predictive(1.2 * 100_000, 100_000, 1);
    expect(nbUpperLimit(d, 0.001)).toBe(6);
    expect(nbUpperLimit(d, 0.01)).toBe(4);
  });
});
