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
