/**
 * Fixed-distance-band neighbours of points in a projected (metric) plane, found through a bucket
 * grid of the band's size: O(n · k) instead of O(n²).
 */
export interface PlanarPoint {
  x: number;
  y: number;
}

/**
 * For each point, the indices of the points within `band` metres (inclusive), itself included
 * first when `includeSelf` (the "star" of Gi*). Distances are Euclidean; a tiny epsilon absorbs
 * floating-point noise so that cells exactly one band apart on a regular grid count.
 */
export function neighboursWithin(
  points: readonly PlanarPoint[],
  band: number,
  includeSelf: boolean,
): number[][] {
  if (!(band > 0)) throw new RangeError(`distance band must be positive, got ${band}`);
  const eps = band * 1e-9;
  const limit = (band + eps) ** 2;
  const buckets = new Map<string, number[]>();
  const key = (bx: number, by: number) => `${bx}:${by}`;
  points.forEach((p, i) => {
    const k = key(Math.floor(p.x / band), Math.floor(p.y / band));
    const list = buckets.get(k);
    if (list) list.push(i);
    else buckets.set(k, [i]);
  });
  return points.map((p, i) => {
    const bx = Math.floor(p.x / band);
    const by = Math.floor(p.y / band);
    const result: number[] = includeSelf ? [i] : [];
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const j of buckets.get(key(bx + dx, by + dy)) ?? []) {
          if (j === i) continue;
          const q = points[j]!;
          if ((q.x - p.x) ** 2 + (q.y - p.y) ** 2 <= limit) result.push(j);
        }
      }
    }
    return result;
  });
}

/** Bucket grid of cell size `size`: integer keys → point indices (in index order). */
export function pointBuckets(points: readonly PlanarPoint[], size: number) {
  const map = new Map<number, number[]>();
  const key = (bx: number, by: number) => bx * 1_048_576 + by;
  points.forEach((p, i) => {
    const k = key(Math.floor(p.x / size), Math.floor(p.y / size));
    const list = map.get(k);
    if (list) list.push(i);
    else map.set(k, [i]);
  });
  return { map, key };
}

/**
 * For each point, the number of neighbours within `band` and the sum of their `values` — what Gi*
 * and Moran's I need — without materialising neighbour lists (memory O(n) at any band).
 */
export function neighbourSums(
  points: readonly PlanarPoint[],
  values: ArrayLike<number>,
  band: number,
  includeSelf: boolean,
): { count: Int32Array; sum: Float64Array } {
  if (!(band > 0)) throw new RangeError(`distance band must be positive, got ${band}`);
  const limit = (band * (1 + 1e-9)) ** 2;
  const { map, key } = pointBuckets(points, band);
  const count = new Int32Array(points.length);
  const sum = new Float64Array(points.length);
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    const bx = Math.floor(p.x / band);
    const by = Math.floor(p.y / band);
    let c = includeSelf ? 1 : 0;
    let s = includeSelf ? values[i]! : 0;
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        const list = map.get(key(bx + dx, by + dy));
        if (!list) continue;
        for (const j of list) {
          if (j === i) continue;
          const q = points[j]!;
          const ddx = q.x - p.x;
          const ddy = q.y - p.y;
          if (ddx * ddx + ddy * ddy <= limit) {
            c++;
            s += values[j]!;
          }
        }
      }
    }
    count[i] = c;
    sum[i] = s;
  }
  return { count, sum };
}

/** Mean distance from each point to its k-th nearest other point, by ring search over buckets of `spacing`. */
export function averageKthNeighbourDistance(
  points: readonly PlanarPoint[],
  k: number,
  spacing: number,
): number {
  if (points.length < 2) return 0;
  const kk = Math.min(k, points.length - 1);
  const buckets = pointBuckets(points, spacing);
  let total = 0;
  for (let i = 0; i < points.length; i++) total += kthNeighbourDistance(points, buckets, i, kk, spacing);
  return total / points.length;
}

/** Distance from point `i` to its `kk`-th nearest other point, by ring search over `buckets` of `spacing`. */
export function kthNeighbourDistance(
  points: readonly PlanarPoint[],
  buckets: ReturnType<typeof pointBuckets>,
  i: number,
  kk: number,
  spacing: number,
): number {
  const { map, key } = buckets;
  const p = points[i]!;
  const bx = Math.floor(p.x / spacing);
  const by = Math.floor(p.y / spacing);
  const found: number[] = [];
  for (let ring = 0; ; ring++) {
    for (let dx = -ring; dx <= ring; dx++) {
      for (let dy = -ring; dy <= ring; dy++) {
        if (Math.max(Math.abs(dx), Math.abs(dy)) !== ring) continue;
        for (const j of map.get(key(bx + dx, by + dy)) ?? []) {
          if (j !== i) found.push(Math.hypot(points[j]!.x - p.x, points[j]!.y - p.y));
        }
      }
    }
    // Everything within ring · spacing has been seen once the ring is complete.
    if (found.length >= kk) {
      found.sort((a, b) => a - b);
      if (found[kk - 1]! <= ring * spacing || found.length === points.length - 1) break;
    }
    if (ring > 10_000) break;
  }
  found.sort((a, b) => a - b);
  return found[kk - 1] ?? 0;
}
