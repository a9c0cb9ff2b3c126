/**
 * Hot/cold spot bins with the False Discovery Rate correction (Benjamini–Hochberg), as ArcGIS's
 * Hot Spot Analysis and Optimized Hot Spot Analysis apply it: for each confidence level
 * (90, 95, 99 %, i.e. α = 0.10, 0.05, 0.01) the m p-values are sorted ascending and the critical
 * p-value is the largest p_(k) with p_(k) ≤ (k / m) · α. A feature is significant at that level
 * when its p ≤ that critical value. Its bin is ±3 (99 %), ±2 (95 %), ±1 (90 %) or 0, signed by z.
 * Without FDR the critical values are α itself.
 */
export const CONFIDENCE_ALPHAS = [0.1, 0.05, 0.01] as const;

/** The Benjamini–Hochberg critical p-value for α (0 when nothing is significant). */
export function fdrCriticalP(pValues: readonly number[], alpha: number): number {
  return criticalOfSorted(finiteSorted(pValues), alpha);
}

/** The finite p-values, ascending (a typed array sorts numerically, without a comparator call per step). */
function finiteSorted(pValues: ArrayLike<number>): Float64Array {
  const finite = new Float64Array(pValues.length);
  let m = 0;
  for (let i = 0; i < pValues.length; i++) {
    const p = pValues[i]!;
    if (Number.isFinite(p)) finite[m++] = p;
  }
  return finite.subarray(0, m).sort();
}

function criticalOfSorted(sorted: Float64Array, alpha: number): number {
  const m = sorted.length;
  let critical = 0;
  for (let k = 1; k <= m; k++) {
    const p = sorted[k - 1]!;
    if (p <= (k / m) * alpha) critical = p;
  }
  return critical;
}

/**
 * Benjamini–Hochberg adjusted p-values (q-values), in the input order: with the m finite p-values
 * sorted ascending, q_(k) = min over j ≥ k of (m / j) · p_(j), capped at 1. A feature is significant
 * at FDR level α exactly when q ≤ α, the same decision as `p ≤ fdrCriticalP(pValues, α)`.
 * Non-finite p-values are left out of m and get q = NaN.
 */
export function bhQValues(pValues: readonly number[]): number[] {
  const order = pValues
    .map((p, i) => ({ p, i }))
    .filter((x) => Number.isFinite(x.p))
    .sort((a, b) => a.p - b.p);
  const m = order.length;
  const q = pValues.map(() => Number.NaN);
  let running = 1;
  for (let k = m; k >= 1; k--) {
    const { p, i } = order[k - 1]!;
    running = Math.min(running, (m / k) * p);
    q[i] = running;
  }
  return q;
}

export interface BinThresholds {
  /** Critical p for 90 %, 95 % and 99 % confidence. */
  p90: number;
  p95: number;
  p99: number;
  fdr: boolean;
}

export function binThresholds(pValues: ArrayLike<number>, fdr: boolean): BinThresholds {
  const [a90, a95, a99] = CONFIDENCE_ALPHAS;
  if (!fdr) return { p90: a90, p95: a95, p99: a99, fdr };
  const sorted = finiteSorted(pValues);
  return {
    p90: criticalOfSorted(sorted, a90),
    p95: criticalOfSorted(sorted, a95),
    p99: criticalOfSorted(sorted, a99),
    fdr,
  };
}

/** −3 … +3: the confidence bin of one feature. Strict thresholds for FDR (a critical 0 means none). */
export function confidenceBin(z: number, p: number, t: BinThresholds): number {
  const level = within(p, t.p99, t.fdr) ? 3 : within(p, t.p95, t.fdr) ? 2 : within(p, t.p90, t.fdr) ? 1 : 0;
  return level === 0 ? 0 : Math.sign(z) * level;
}

const within = (p: number, critical: number, fdr: boolean) =>
  fdr ? critical > 0 && p <= critical : p < critical;
