import betainc from '@stdlib/math-base-special-betainc';

/**
 * The negative binomial as the predictive distribution of a Poisson count whose rate has a gamma
 * posterior: λ ~ Gamma(shape a, rate b) per day, a window of exposure m days (weekday-weighted),
 * X | λ ~ Poisson(λ m) ⇒ X ~ NB(r = a, p = b / (b + m)), mean a·m / b, variance mean · (1 + m / b).
 * Pure.
 */
export interface NegBinom {
  r: number;
  p: number;
}

export function predictive(shape: number, rate: number, exposure: number): NegBinom {
  return { r: Math.max(shape, 1e-9), p: rate / (rate + exposure) };
}

export function nbMean(d: NegBinom): number {
  return (d.r * (1 - d.p)) / d.p;
}

/**
 * P(X ≥ x). With P(X ≤ k) = I_p(r, k + 1) and 1 − I_p(a, b) = I_{1−p}(b, a), the upper tail is
 * I_{1−p}(x, r): the regularized incomplete beta keeps its relative precision deep in the tail.
 */
export function nbUpperTail(x: number, d: NegBinom): number {
  if (x <= 0) return 1;
  if (d.p >= 1) return 0;
  return Math.min(1, Math.max(0, betainc(1 - d.p, x, d.r)));
}

/** The upper limit at false-alarm rate α: the smallest k with P(X > k) ≤ α. */
export function nbUpperLimit(d: NegBinom, alpha: number): number {
  let k = Math.max(0, Math.floor(nbMean(d)));
  if (nbUpperTail(k + 1, d) <= alpha) {
    // Already inside at the mean (tiny means): walk down to the smallest such k.
    while (k > 0 && nbUpperTail(k, d) <= alpha) k--;
    return k;
  }
  // Gallop up, then bisect, keeping P(X ≥ lo + 1) > α ≥ P(X ≥ hi + 1).
  let step = 1;
  while (nbUpperTail(k + step + 1, d) > alpha) step *= 2;
  let lo = k + Math.floor(step / 2);
  let hi = k + step;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (nbUpperTail(mid + 1, d) > alpha) lo = mid;
    else hi = mid;
  }
  return hi;
}
