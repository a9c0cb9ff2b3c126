import betainc from '@stdlib/math-base-special-betainc';

/**
 * One-sided upper tail of the binomial distribution: P(X ≥ x) for X ~ Binomial(n, π).
 *
 * Computed as the regularized incomplete beta function I_π(x, n − x + 1) (the identity
 * Σ_{k ≥ x} C(n, k) π^k (1 − π)^{n−k} = I_π(x, n − x + 1), Abramowitz & Stegun 26.5.24), which keeps
 * its relative precision far into the tail where 1 − CDF(x − 1) would round to 0.
 * Edges: x ≤ 0 → 1; x > n → 0; π = 0 → 0 for x ≥ 1; π = 1 → 1.
 */
export function binomialUpperTail(x: number, n: number, pi: number): number {
  if (!Number.isInteger(x) || !Number.isInteger(n) || n < 0 || !(pi >= 0 && pi <= 1)) return Number.NaN;
  if (x <= 0) return 1;
  if (x > n) return 0;
  if (pi === 0) return 0;
  if (pi === 1) return 1;
  return Math.min(1, Math.max(0, betainc(pi, x, n - x + 1)));
}
