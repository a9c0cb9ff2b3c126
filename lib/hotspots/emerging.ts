/**
 * Emerging hot spots, after ArcGIS's Emerging Hot Spot Analysis:
 * 1. Space-time Gi*: every (cell, time step) bin is a feature; its neighbours are the bins of the
 *    cells within the distance band (itself included) at the same and the `timeWindow` previous
 *    steps; Gi* and FDR over the whole cube (global window "entire cube").
 * 2. Per cell, the Mann-Kendall test on its series of Gi* z-scores gives the trend of clustering.
 * 3. The cell's pattern follows from where and how often it was significant (90 % confidence) and
 *    the trend (α = TREND_ALPHA):
 *    - new: hot in the final step only, never before;
 *    - consecutive: one uninterrupted run of ≥ 2 hot steps ending with the final step, never hot
 *      before the run, and < 90 % of steps hot;
 *    - intensifying / diminishing: hot in ≥ 90 % of steps including the final, with a significant
 *      upward / downward trend;
 *    - persistent: hot in ≥ 90 % of steps including the final, no significant trend;
 *    - oscillating: hot in the final step, cold in some earlier step, < 90 % hot;
 *    - sporadic: hot in the final step, on and off before, < 90 % hot, never cold;
 *    - historical: not hot in the final step but hot in ≥ 90 % of steps;
 *    and the same for cold spots (with "hot" and "cold", "up" and "down" swapped);
 *    - none: no pattern detected.
 */
import { binThresholds, confidenceBin } from './fdr';
import { giStarFromSums } from './gi-star';
import { latticeNeighboursWithin, type SquareLattice } from './lattice';
import { mannKendall, type TrendResult } from './mann-kendall';
import { neighboursWithin, type PlanarPoint } from './neighbours';

export const TREND_ALPHA = 0.05;

export const PATTERNS = [
  'new',
  'consecutive',
  'intensifying',
  'persistent',
  'diminishing',
  'sporadic',
  'oscillating',
  'historical',
] as const;
export type Pattern = `${(typeof PATTERNS)[number]}_${'hot' | 'cold'}` | 'none';

/** The pattern of one cell from its per-step significance (+1 hot, −1 cold, 0 none) and trend. */
export function classifyPattern(signs: readonly number[], trend: TrendResult): Pattern {
  const hot = classifySide(signs, trend, 1);
  if (hot) return `${hot}_hot`;
  const cold = classifySide(signs, trend, -1);
  if (cold) return `${cold}_cold`;
  return 'none';
}

function classifySide(
  signs: readonly number[],
  trend: TrendResult,
  side: 1 | -1,
): (typeof PATTERNS)[number] | null {
  const n = signs.length;
  if (n === 0) return null;
  const isSide = signs.map((s) => s === side);
  const count = isSide.filter(Boolean).length;
  const share = count / n;
  const final = isSide[n - 1]!;
  const opposite = signs.some((s) => s === -side);
  if (!final) return share >= 0.9 ? 'historical' : null;
  if (share >= 0.9) {
    // "Up" for a hot spot means intensifying clustering of high values: z rising. For a cold spot,
    // intensifying means z falling further.
    if (trend.p < TREND_ALPHA && Math.sign(trend.z) === side) return 'intensifying';
    if (trend.p < TREND_ALPHA && Math.sign(trend.z) === -side) return 'diminishing';
    return 'persistent';
  }
  if (count === 1) return 'new';
  // Length of the run ending at the final step.
  let run = 0;
  for (let t = n - 1; t >= 0 && isSide[t]; t--) run++;
  if (run >= 2 && run === count) return 'consecutive';
  if (opposite) return 'oscillating';
  return 'sporadic';
}

export interface EmergingInput {
  points: readonly PlanarPoint[];
  /** counts[cell][step] */
  counts: readonly (readonly number[])[];
  band: number;
  /** How many previous steps are neighbours in time (ArcGIS default 1). */
  timeWindow: number;
  fdr: boolean;
  /**
   * The points as square cells (lattice.ts): neighbours by lattice offsets, the same sets. The sums
   * then add them in another order: the same for integer counts.
   */
  lattice?: SquareLattice | null;
}

export interface EmergingCell {
  pattern: Pattern;
  /** Gi* z per time step. */
  z: number[];
  /** Confidence bin (−3 … 3) per time step. */
  bins: number[];
  trend: TrendResult;
}

export function emergingHotSpots(input: EmergingInput): EmergingCell[] {
  const cells = input.points.length;
  const steps = input.counts[0]?.length ?? 0;
  if (cells === 0 || steps === 0) return [];
  const spatial = input.lattice
    ? latticeNeighboursWithin(input.lattice, input.band, true)
    : neighboursWithin(input.points, input.band, true);
  const index = (cell: number, step: number) => cell * steps + step;
  const values = new Float64Array(cells * steps);
  for (let c = 0; c < cells; c++) {
    for (let t = 0; t < steps; t++) values[index(c, t)] = input.counts[c]![t] ?? 0;
  }
  // The space-time neighbours of bin (c, t): the cells of spatial[c] at steps t, t − 1, … t − timeWindow.
  // Their count and sum, added in that order (what Gi* over the neighbour lists adds), without the lists.
  const weights = new Int32Array(cells * steps);
  const sums = new Float64Array(cells * steps);
  for (let c = 0; c < cells; c++) {
    const around = spatial[c]!;
    for (let t = 0; t < steps; t++) {
      let w = 0;
      let local = 0;
      for (let dt = 0; dt <= input.timeWindow && t - dt >= 0; dt++) {
        for (const j of around) local += values[index(j, t - dt)]!;
        w += around.length;
      }
      weights[index(c, t)] = w;
      sums[index(c, t)] = local;
    }
  }
  const results = giStarFromSums(values, weights, sums);
  const thresholds = binThresholds(
    Float64Array.from(results, (r) => r.p),
    input.fdr,
  );
  return Array.from({ length: cells }, (_, c) => {
    const z: number[] = [];
    const bins: number[] = [];
    for (let t = 0; t < steps; t++) {
      const r = results[index(c, t)]!;
      z.push(r.z);
      bins.push(confidenceBin(r.z, r.p, thresholds));
    }
    const trend = mannKendall(z);
    return { pattern: classifyPattern(bins.map(Math.sign), trend), z, bins, trend };
  });
}
