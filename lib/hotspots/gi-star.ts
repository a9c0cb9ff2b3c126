/**
 * Getis-Ord local Gi* ("G star") with binary fixed-distance weights, the cell itself included.
 *
 * For n features with values x_j, weights w_ij ∈ {0, 1} (w_ii = 1), the z-score of feature i is
 * (Ord & Getis 1995; the form ArcGIS documents for Hot Spot Analysis):
 *
 *              Σ_j w_ij x_j − X̄ Σ_j w_ij
 *   G*_i = ───────────────────────────────────────────────
 *           S · sqrt( (n Σ_j w_ij² − (Σ_j w_ij)²) / (n − 1) )
 *
 *   X̄ = Σ_j x_j / n,     S = sqrt( Σ_j x_j² / n − X̄² ).
 *
 * With binary weights Σ w_ij² = Σ w_ij = W_i (the neighbour count, self included). The statistic is
 * itself a z-score; its p-value is two-sided from the standard normal. This equals PySAL's
 * `esda.G_Local(y, w, transform='B', star=True)` analytic `Zs` (Gs − E[Gs]) / sqrt(V[Gs]) with
 * Gs = Σ_j w_ij x_j / Σ_j x_j, E[Gs] = W_i / n, V[Gs] = W_i (n − W_i) / (n² (n − 1)) · S² / X̄²;
 * `giStarRatioForm` computes that form independently so the tests can check the two agree.
 */
import { twoSidedP } from './normal';

export interface GiStarResult {
  z: number;
  p: number;
  /** Neighbours in the band, the cell itself included. */
  neighbours: number;
}

function moments(values: readonly number[]) {
  const n = values.length;
  let sum = 0;
  let sumSq = 0;
  for (const v of values) {
    sum += v;
    sumSq += v * v;
  }
  const mean = sum / n;
  const variance = Math.max(0, sumSq / n - mean * mean);
  return { n, sum, mean, s: Math.sqrt(variance) };
}

/** Gi* z-scores and p-values; `neighbours[i]` lists i's neighbours (self included). */
export function giStar(
  values: readonly number[],
  neighbours: readonly (readonly number[])[],
): GiStarResult[] {
  if (values.length !== neighbours.length) throw new Error('values and neighbours differ in length');
  const { n, mean, s } = moments(values);
  if (n < 3) throw new RangeError('Gi* needs at least 3 features');
  return neighbours.map((list) => {
    const w = list.length;
    let local = 0;
    for (const j of list) local += values[j]!;
    const denominator = s * Math.sqrt((n * w - w * w) / (n - 1));
    // No variance (all values equal) or every feature a neighbour: no evidence either way.
    const z = denominator > 0 ? (local - mean * w) / denominator : 0;
    return { z, p: twoSidedP(z), neighbours: w };
  });
}

/** The same z computed through the ratio form G = Σ w x / Σ x (see the header). For tests. */
export function giStarRatioForm(
  values: readonly number[],
  neighbours: readonly (readonly number[])[],
): number[] {
  const { n, sum, mean, s } = moments(values);
  return neighbours.map((list) => {
    const w = list.length;
    let local = 0;
    for (const j of list) local += values[j]!;
    const g = local / sum;
    const expected = w / n;
    const variance = ((w * (n - w)) / (n * n * (n - 1))) * ((s * s) / (mean * mean));
    return (g - expected) / Math.sqrt(variance);
  });
}

/**
 * The same z-scores from per-feature neighbour counts W_i and neighbour sums Σ_j w_ij x_j (self
 * included), as `neighbourSums` yields them: no neighbour lists needed.
 */
export function giStarFromSums(
  values: ArrayLike<number>,
  counts: ArrayLike<number>,
  sums: ArrayLike<number>,
): GiStarResult[] {
  const list = Array.from(values);
  const { n, mean, s } = moments(list);
  if (n < 3) throw new RangeError('Gi* needs at least 3 features');
  const out: GiStarResult[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const w = counts[i]!;
    const denominator = s * Math.sqrt((n * w - w * w) / (n - 1));
    const z = denominator > 0 ? (sums[i]! - mean * w) / denominator : 0;
    out[i] = { z, p: twoSidedP(z), neighbours: w };
  }
  return out;
}
