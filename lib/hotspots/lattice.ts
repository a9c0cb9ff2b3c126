/**
 * Neighbourhoods on a square lattice. The cells of a square analysis grid (PostGIS numbers cell
 * (i, j) as [i · size, (i + 1) · size) × [j · size, (j + 1) · size)) sit on a regular lattice, so
 * the cells within a distance band of a cell are a fixed set of (di, dj) offsets: a sum over the
 * band is a lookup per offset in an integer-indexed array instead of a spatial search. Every
 * function here gives exactly what its counterpart over free points gives (`neighbourSums`,
 * `averageKthNeighbourDistance` in neighbours.ts, `moranProfile` in moran.ts), bit for bit:
 * - distances are decided on the ideal lattice ((di² + dj²) · size² against the band), except for
 *   offsets whose ideal distance lies within the centroids' measured rounding of a band's limit:
 *   those are decided pair by pair on the real centroids, with the very expressions of the
 *   counterpart;
 * - `latticeNeighbourSums` adds neighbours in another order than `neighbourSums`: the same sums for
 *   integer values (counts), which is what Gi* feeds it;
 * - `latticeMoranProfile` visits the point pairs in the order `moranProfile` does (its buckets of
 *   the largest band, points in index order within a bucket), so its floating-point sums are equal.
 * `squareLattice` returns null when the cells do not form such a lattice (hexagons, centroids off
 * the lattice, cells not in row order, a sparse bounding box): callers then use the point versions.
 * Pure.
 */
import { kthNeighbourDistance, type PlanarPoint, pointBuckets } from './neighbours';

export interface LatticeCell extends PlanarPoint {
  /** Column (⌊x / size⌋) and row (⌊y / size⌋) of the cell. */
  i: number;
  j: number;
}

export interface SquareLattice {
  size: number;
  points: readonly PlanarPoint[];
  /** Column and row of each cell, from the lattice's corner (0-based). */
  col: Int32Array;
  row: Int32Array;
  minI: number;
  minJ: number;
  width: number;
  height: number;
  /** The cell at (col, row) is `at[row · width + col]`, −1 for none. */
  at: Int32Array;
  /** Bound on |real − ideal| of any centroid coordinate, rounding of differences included (metres). */
  slack: number;
}

/** Centroids further than this share of the cell size from the lattice are not a lattice. */
const OFF_LATTICE = 1e-6;

/**
 * The lattice of square cells of `size` metres given in row order (j, then i, ascending, as
 * `listGridCells` returns them), each with its centroid; null when they do not form one.
 */
export function squareLattice(cells: readonly LatticeCell[], size: number): SquareLattice | null {
  const n = cells.length;
  if (n === 0 || !(size > 0) || !Number.isFinite(size)) return null;
  let minI = Number.POSITIVE_INFINITY;
  let maxI = Number.NEGATIVE_INFINITY;
  let minJ = Number.POSITIVE_INFINITY;
  let maxJ = Number.NEGATIVE_INFINITY;
  let maxAbs = 0;
  let maxDev = 0;
  for (let k = 0; k < n; k++) {
    const c = cells[k]!;
    if (!Number.isInteger(c.i) || !Number.isInteger(c.j)) return null;
    if (k > 0) {
      const p = cells[k - 1]!;
      if (c.j < p.j || (c.j === p.j && c.i <= p.i)) return null;
    }
    minI = Math.min(minI, c.i);
    maxI = Math.max(maxI, c.i);
    minJ = Math.min(minJ, c.j);
    maxJ = Math.max(maxJ, c.j);
    const dev = Math.max(Math.abs(c.x - (c.i + 0.5) * size), Math.abs(c.y - (c.j + 0.5) * size));
    if (!(dev <= OFF_LATTICE * size)) return null;
    maxDev = Math.max(maxDev, dev);
    maxAbs = Math.max(maxAbs, Math.abs(c.x), Math.abs(c.y));
  }
  const width = maxI - minI + 1;
  const height = maxJ - minJ + 1;
  if (width * height > 16 * n + 65_536) return null;
  const at = new Int32Array(width * height).fill(-1);
  const col = new Int32Array(n);
  const row = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    col[k] = cells[k]!.i - minI;
    row[k] = cells[k]!.j - minJ;
    at[row[k]! * width + col[k]!] = k;
  }
  // A difference of two centroids is off by at most 2 · maxDev, plus its own rounding (≤ ε · maxAbs).
  const slack = 2 * maxDev + 4 * Number.EPSILON * maxAbs;
  return { size, points: cells, col, row, minI, minJ, width, height, at, slack };
}

/** Whether the real squared distance of offset (di, dj) can fall on either side of `limit`. */
function borderline(lattice: SquareLattice, di: number, dj: number, limit: number): boolean {
  const { size, slack } = lattice;
  const ideal = (di * di + dj * dj) * size * size;
  // (a + η)² − a² ≤ 2|a|η + η² per axis, and the squares and their sum round by a few ε.
  const margin =
    2 * (Math.abs(di) + Math.abs(dj)) * size * slack +
    2 * slack * slack +
    8 * Number.EPSILON * (ideal + limit);
  return Math.abs(ideal - limit) <= margin;
}

/** Offsets within `limit` (a squared distance), (0, 0) left out; `check` marks those decided pair by pair. */
function diskOffsets(lattice: SquareLattice, limit: number) {
  const r = Math.floor(Math.sqrt(limit) / lattice.size) + 1;
  const di: number[] = [];
  const dj: number[] = [];
  const check: number[] = [];
  for (let y = -r; y <= r; y++) {
    for (let x = -r; x <= r; x++) {
      if (x === 0 && y === 0) continue;
      const near = borderline(lattice, x, y, limit);
      if (!near && (x * x + y * y) * lattice.size * lattice.size > limit) continue;
      di.push(x);
      dj.push(y);
      check.push(near ? 1 : 0);
    }
  }
  return { di: Int32Array.from(di), dj: Int32Array.from(dj), check: Uint8Array.from(check) };
}

/**
 * `neighbourSums` on the lattice: for each cell, the cells within `band` metres (itself when
 * `includeSelf`) and the sum of their values. Equal to `neighbourSums` for integer values.
 */
export function latticeNeighbourSums(
  lattice: SquareLattice,
  values: ArrayLike<number>,
  band: number,
  includeSelf: boolean,
): { count: Int32Array; sum: Float64Array } {
  if (!(band > 0)) throw new RangeError(`distance band must be positive, got ${band}`);
  const limit = (band * (1 + 1e-9)) ** 2;
  const { di, dj, check } = diskOffsets(lattice, limit);
  const { points, col, row, at, width, height } = lattice;
  const n = points.length;
  const count = new Int32Array(n);
  const sum = new Float64Array(n);
  const m = di.length;
  for (let k = 0; k < n; k++) {
    const ck = col[k]!;
    const rk = row[k]!;
    let c = includeSelf ? 1 : 0;
    let s = includeSelf ? values[k]! : 0;
    for (let o = 0; o < m; o++) {
      const x = ck + di[o]!;
      const y = rk + dj[o]!;
      if (x < 0 || y < 0 || x >= width || y >= height) continue;
      const q = at[y * width + x]!;
      if (q < 0) continue;
      if (check[o]) {
        const p = points[k]!;
        const r = points[q]!;
        const ddx = r.x - p.x;
        const ddy = r.y - p.y;
        if (!(ddx * ddx + ddy * ddy <= limit)) continue;
      }
      c++;
      s += values[q]!;
    }
    count[k] = c;
    sum[k] = s;
  }
  return { count, sum };
}

/**
 * For each cell, the indices of the cells within `band` metres, itself first when `includeSelf`
 * (the same sets as `neighboursWithin`, in lattice order after the cell itself).
 */
export function latticeNeighboursWithin(
  lattice: SquareLattice,
  band: number,
  includeSelf: boolean,
): number[][] {
  if (!(band > 0)) throw new RangeError(`distance band must be positive, got ${band}`);
  // The limit and the distance are those of `neighboursWithin`, expression for expression.
  const limit = (band + band * 1e-9) ** 2;
  const { di, dj, check } = diskOffsets(lattice, limit);
  const { points, col, row, at, width, height } = lattice;
  const out: number[][] = new Array(points.length);
  for (let k = 0; k < points.length; k++) {
    const p = points[k]!;
    const list: number[] = includeSelf ? [k] : [];
    for (let o = 0; o < di.length; o++) {
      const x = col[k]! + di[o]!;
      const y = row[k]! + dj[o]!;
      if (x < 0 || y < 0 || x >= width || y >= height) continue;
      const q = at[y * width + x]!;
      if (q < 0) continue;
      if (check[o] && !((points[q]!.x - p.x) ** 2 + (points[q]!.y - p.y) ** 2 <= limit)) continue;
      list.push(q);
    }
    out[k] = list;
  }
  return out;
}

/**
 * `averageKthNeighbourDistance(points, k, ·)` on the lattice: the mean over cells of the distance to
 * the k-th nearest other cell. Offsets are taken in rings of equal ideal distance; the ring holding
 * the k-th neighbour is measured on the real centroids. A cell whose k-th neighbour lies beyond the
 * rings prepared is searched as the point version does.
 */
export function latticeAverageKthNeighbourDistance(lattice: SquareLattice, k: number): number {
  const { points, col, row, at, width, height, size } = lattice;
  const n = points.length;
  if (n < 2) return 0;
  const kk = Math.min(k, n - 1);
  // Rings of offsets by squared lattice distance e = di² + dj², out to a radius of a few k.
  const radius = Math.ceil(Math.sqrt(kk)) + 8;
  const rings = new Map<number, number[]>();
  for (let y = -radius; y <= radius; y++) {
    for (let x = -radius; x <= radius; x++) {
      const e = x * x + y * y;
      if (e === 0 || e > radius * radius) continue;
      const ring = rings.get(e);
      if (ring) ring.push(x, y);
      else rings.set(e, [x, y]);
    }
  }
  const order = [...rings.keys()].sort((a, b) => a - b);
  // The rings must be further apart than the centroids' rounding for the ring order to be the real order.
  const gap = size * (Math.sqrt(radius * radius) - Math.sqrt(radius * radius - 1));
  const exact = gap > 8 * lattice.slack;
  let fallback: ReturnType<typeof pointBuckets> | null = null;
  let total = 0;
  const inRing: number[] = [];
  for (let p = 0; p < n; p++) {
    let seen = 0;
    let value = -1;
    if (exact) {
      for (const e of order) {
        const ring = rings.get(e)!;
        inRing.length = 0;
        for (let o = 0; o < ring.length; o += 2) {
          const x = col[p]! + ring[o]!;
          const y = row[p]! + ring[o + 1]!;
          if (x < 0 || y < 0 || x >= width || y >= height) continue;
          const q = at[y * width + x]!;
          if (q >= 0) inRing.push(q);
        }
        if (seen + inRing.length >= kk) {
          const d = inRing.map((q) => Math.hypot(points[q]!.x - points[p]!.x, points[q]!.y - points[p]!.y));
          d.sort((a, b) => a - b);
          value = d[kk - seen - 1]!;
          break;
        }
        seen += inRing.length;
      }
    }
    if (value < 0) {
      fallback ??= pointBuckets(points, size);
      value = kthNeighbourDistance(points, fallback, p, kk, size);
    }
    total += value;
  }
  return total / n;
}

/**
 * The per-band sums of `moranProfile` (moran.ts) on the lattice, visiting the pairs (i < j within
 * the largest band) in its order: i ascending, then j by bucket of the largest band (dx, then dy,
 * from −1 to 1), then by index within the bucket (row order). Null when a centroid's bucket is not
 * its column's or row's (a centroid on a bucket edge): the caller then uses the point version.
 */
export function latticeMoranPairs(
  lattice: SquareLattice,
  dev: Float64Array,
  limits: readonly number[],
  maxBand: number,
): { pairs: Float64Array; cross: Float64Array; perPoint: Int32Array } | null {
  const { points, col, row, at, width, height, size, minI, minJ } = lattice;
  const n = points.length;
  const nb = limits.length;
  const last = limits[nb - 1]!;
  // Bucket of each lattice column and row, from the ideal centroid; each real centroid must agree.
  const colBucket = new Int32Array(width);
  const rowBucket = new Int32Array(height);
  for (let x = 0; x < width; x++) colBucket[x] = Math.floor(((minI + x + 0.5) * size) / maxBand);
  for (let y = 0; y < height; y++) rowBucket[y] = Math.floor(((minJ + y + 0.5) * size) / maxBand);
  // Bucket keys of the point version (bx · 2²⁰ + by) must not collide.
  if (rowBucket[height - 1]! - rowBucket[0]! + 2 >= 1_048_576) return null;
  for (let p = 0; p < n; p++) {
    if (Math.floor(points[p]!.x / maxBand) !== colBucket[col[p]!]) return null;
    if (Math.floor(points[p]!.y / maxBand) !== rowBucket[row[p]!]) return null;
  }
  // Band of each offset within the largest band: its index, −1 outside, −2 decided pair by pair.
  const r = Math.floor(Math.sqrt(last) / size) + 1;
  const side = 2 * r + 1;
  const band = new Int8Array(side * side);
  for (let y = -r; y <= r; y++) {
    for (let x = -r; x <= r; x++) {
      const ideal = (x * x + y * y) * size * size;
      let b = -1;
      if (limits.some((limit) => borderline(lattice, x, y, limit))) b = -2;
      else if (ideal <= last) {
        b = 0;
        while (ideal > limits[b]!) b++;
      }
      band[(y + r) * side + (x + r)] = b;
    }
  }
  // For each column (row), the columns (rows) within r of it in the bucket to its left, its own, its
  // right: buckets are contiguous runs of columns, so each is a range [lo, hi] (empty when lo > hi).
  const colRange = bucketRanges(colBucket, r);
  const rowRange = bucketRanges(rowBucket, r);
  const pairs = new Float64Array(nb);
  const cross = new Float64Array(nb);
  const perPoint = new Int32Array(n * nb);
  for (let p = 0; p < n; p++) {
    const cp = col[p]!;
    const rp = row[p]!;
    for (let dx = 0; dx < 3; dx++) {
      const xlo = colRange[cp * 6 + 2 * dx]!;
      const xhi = colRange[cp * 6 + 2 * dx + 1]!;
      if (xlo > xhi) continue;
      for (let dy = 0; dy < 3; dy++) {
        // Pairs j > i lie in this row (columns after i's) or a later one.
        const ylo = Math.max(rp, rowRange[rp * 6 + 2 * dy]!);
        const yhi = rowRange[rp * 6 + 2 * dy + 1]!;
        for (let y = ylo; y <= yhi; y++) {
          const offsetRow = (y - rp + r) * side - cp + r;
          const lineStart = y * width;
          for (let x = y === rp ? Math.max(xlo, cp + 1) : xlo; x <= xhi; x++) {
            const q = at[lineStart + x]!;
            if (q < 0) continue;
            let b = band[offsetRow + x]!;
            if (b === -1) continue;
            if (b === -2) {
              const d2 = (points[q]!.x - points[p]!.x) ** 2 + (points[q]!.y - points[p]!.y) ** 2;
              if (d2 > last) continue;
              b = 0;
              while (d2 > limits[b]!) b++;
            }
            pairs[b]! += 1;
            cross[b]! += dev[p]! * dev[q]!;
            perPoint[p * nb + b]! += 1;
            perPoint[q * nb + b]! += 1;
          }
        }
      }
    }
  }
  return { pairs, cross, perPoint };
}

/**
 * For each position x of a non-decreasing run of buckets, the positions within `r` of x whose bucket
 * is x's − 1, x's, x's + 1: six numbers per position (lo, hi for each), lo > hi when there are none.
 */
function bucketRanges(bucket: Int32Array, r: number): Int32Array {
  const out = new Int32Array(bucket.length * 6);
  for (let x = 0; x < bucket.length; x++) {
    for (let d = -1; d <= 1; d++) {
      let lo = 1;
      let hi = 0;
      for (let y = Math.max(0, x - r); y <= Math.min(bucket.length - 1, x + r); y++) {
        if (bucket[y] !== bucket[x]! + d) continue;
        if (lo > hi) lo = y;
        hi = y;
      }
      out[x * 6 + 2 * (d + 1)] = lo;
      out[x * 6 + 2 * (d + 1) + 1] = hi;
    }
  }
  return out;
}
