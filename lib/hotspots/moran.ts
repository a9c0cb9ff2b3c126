/**
 * Global Moran's I with binary, symmetric fixed-distance weights (self excluded), and its z-score
 * under the randomization assumption (as ArcGIS's Spatial Autocorrelation tool reports it):
 *
 *   I = (n / S0) · Σ_i Σ_j w_ij z_i z_j / Σ_i z_i²,     z_i = x_i − X̄,   S0 = Σ_i Σ_j w_ij
 *   E[I] = −1 / (n − 1)
 *   V[I] = [n((n² − 3n + 3)S1 − nS2 + 3S0²) − b2((n² − n)S1 − 2nS2 + 6S0²)] / ((n − 1)(n − 2)(n − 3)S0²) − E[I]²
 *   S1 = ½ Σ_i Σ_j (w_ij + w_ji)²,  S2 = Σ_i (w_i· + w_·i)²,  b2 = n Σ z_i⁴ / (Σ z_i²)²
 */
import { latticeMoranPairs, type SquareLattice } from './lattice';

export interface MoranResult {
  i: number;
  expected: number;
  variance: number;
  z: number;
}

/** I, E[I], V[I] and z from the sums every form of the statistic accumulates (formulas above). */
function moranFromStats(
  n: number,
  s0: number,
  s2: number,
  cross: number,
  m2: number,
  m4: number,
): MoranResult {
  const expected = -1 / (n - 1);
  if (s0 === 0 || m2 === 0) return { i: 0, expected, variance: 0, z: 0 };
  const s1 = 2 * s0; // binary symmetric: (w_ij + w_ji)² = 4 for each ordered neighbour pair, halved
  const b2 = (n * m4) / (m2 * m2);
  const i = (n / s0) * (cross / m2);
  const variance =
    (n * ((n * n - 3 * n + 3) * s1 - n * s2 + 3 * s0 * s0) -
      b2 * ((n * n - n) * s1 - 2 * n * s2 + 6 * s0 * s0)) /
      ((n - 1) * (n - 2) * (n - 3) * s0 * s0) -
    expected * expected;
  return { i, expected, variance, z: variance > 0 ? (i - expected) / Math.sqrt(variance) : 0 };
}

/** `neighbours[i]` lists i's neighbours without i itself; the relation must be symmetric. */
export function globalMoranI(
  values: readonly number[],
  neighbours: readonly (readonly number[])[],
): MoranResult {
  const n = values.length;
  if (n < 4) throw new RangeError("Moran's I needs at least 4 features");
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const dev = values.map((v) => v - mean);
  let m2 = 0;
  let m4 = 0;
  for (const d of dev) {
    m2 += d * d;
    m4 += d ** 4;
  }
  let s0 = 0;
  let cross = 0;
  let s2 = 0;
  neighbours.forEach((list, i) => {
    s0 += list.length;
    s2 += (2 * list.length) ** 2;
    for (const j of list) cross += dev[i]! * dev[j]!;
  });
  return moranFromStats(n, s0, s2, cross, m2, m4);
}

/** The same statistic from per-feature neighbour counts and sums of deviations (self excluded). */
export function globalMoranIFromSums(
  values: readonly number[],
  sumsOfNeighbourDeviations: (deviations: Float64Array) => {
    count: ArrayLike<number>;
    sum: ArrayLike<number>;
  },
): MoranResult {
  const n = values.length;
  if (n < 4) throw new RangeError("Moran's I needs at least 4 features");
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const dev = Float64Array.from(values, (v) => v - mean);
  let m2 = 0;
  let m4 = 0;
  for (const d of dev) {
    m2 += d * d;
    m4 += d ** 4;
  }
  const { count, sum } = sumsOfNeighbourDeviations(dev);
  let s0 = 0;
  let s2 = 0;
  let cross = 0;
  for (let i = 0; i < n; i++) {
    s0 += count[i]!;
    s2 += (2 * count[i]!) ** 2;
    cross += dev[i]! * sum[i]!;
  }
  return moranFromStats(n, s0, s2, cross, m2, m4);
}

/**
 * Moran's I z-scores for several distance bands in ONE pass over the point pairs within the largest
 * band (incremental spatial autocorrelation): each pair is counted in the smallest band that holds
 * it, then bands accumulate. Same results as `globalMoranI` band by band, at the cost of one band.
 * With `lattice` (the same points as square cells, lattice.ts) the pairs are found by lattice
 * offsets instead of a spatial search, in the same order: the same results, bit for bit.
 */
export function moranProfile(
  points: readonly { x: number; y: number }[],
  values: readonly number[],
  bands: readonly number[],
  options: { lattice?: SquareLattice | null } = {},
) {
  const n = values.length;
  const nb = bands.length;
  if (n < 4) throw new RangeError("Moran's I needs at least 4 features");
  const sorted = [...bands].sort((a, b) => a - b);
  const limits = sorted.map((b) => (b * (1 + 1e-9)) ** 2);
  const maxBand = sorted[nb - 1]!;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const dev = Float64Array.from(values, (v) => v - mean);
  let m2 = 0;
  let m4 = 0;
  for (const d of dev) {
    m2 += d * d;
    m4 += d ** 4;
  }
  const { pairs, cross, perPoint } =
    (options.lattice && latticeMoranPairs(options.lattice, dev, limits, maxBand)) ??
    pointPairs(points, dev, limits, maxBand);
  const running = new Int32Array(n);
  let s0 = 0;
  let crossSum = 0;
  return sorted.map((band, b) => {
    s0 += 2 * pairs[b]!;
    crossSum += 2 * cross[b]!;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      running[i]! += perPoint[i * nb + b]!;
      s2 += (2 * running[i]!) ** 2;
    }
    return { band, ...moranFromStats(n, s0, s2, crossSum, m2, m4) };
  });
}

/** Pairs (i < j) per band (the smallest holding them), Σ dev_i dev_j per band, and pairs per point × band. */
function pointPairs(
  points: readonly { x: number; y: number }[],
  dev: Float64Array,
  limits: readonly number[],
  maxBand: number,
) {
  const n = dev.length;
  const nb = limits.length;
  const cross = new Float64Array(nb);
  const pairs = new Float64Array(nb);
  const perPoint = new Int32Array(n * nb);
  const buckets = new Map<number, number[]>();
  const key = (bx: number, by: number) => bx * 1_048_576 + by;
  points.forEach((p, i) => {
    const k = key(Math.floor(p.x / maxBand), Math.floor(p.y / maxBand));
    const list = buckets.get(k);
    if (list) list.push(i);
    else buckets.set(k, [i]);
  });
  for (let i = 0; i < n; i++) {
    const p = points[i]!;
    const bx = Math.floor(p.x / maxBand);
    const by = Math.floor(p.y / maxBand);
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const j of buckets.get(key(bx + dx, by + dy)) ?? []) {
          if (j <= i) continue;
          const q = points[j]!;
          const d2 = (q.x - p.x) ** 2 + (q.y - p.y) ** 2;
          if (d2 > limits[nb - 1]!) continue;
          let b = 0;
          while (d2 > limits[b]!) b++;
          pairs[b]! += 1;
          cross[b]! += dev[i]! * dev[j]!;
          perPoint[i * nb + b]! += 1;
          perPoint[j * nb + b]! += 1;
        }
      }
    }
  }
  return { pairs, cross, perPoint };
}
