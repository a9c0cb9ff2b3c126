import { describe, expect, it } from 'vitest';
import { dbscan } from './dbscan';

/**
 * PostGIS's `union_dbscan_general` (liblwgeom/lwgeom_geos_cluster.c) transcribed with a brute-force
 * neighbour search instead of its R-tree: the reference the grid version must equal. Returns labels
 * renumbered by first point in input order (−1 noise).
 */
function postgisDbscan(pts: [number, number][], eps: number, minPoints: number): number[] {
  const n = pts.length;
  const parent = pts.map((_, i) => i);
  const size = pts.map(() => 1);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i]!;
    return i;
  };
  const union = (i: number, j: number) => {
    const a = find(i);
    const b = find(j);
    if (a === b) return;
    if (size[a]! < size[b]! || (size[a] === size[b] && a > b)) {
      parent[a] = b;
      size[b]! += size[a]!;
    } else {
      parent[b] = a;
      size[a]! += size[b]!;
    }
  };
  const inCluster = new Array<boolean>(n).fill(false);
  const isCore = new Array<boolean>(n).fill(false);
  const unionIfAvailable = (p: number, q: number) => {
    if (inCluster[q]) {
      if (isCore[q]) union(p, q);
    } else {
      union(p, q);
      inCluster[q] = true;
    }
  };
  if (n > minPoints) {
    for (let p = 0; p < n; p++) {
      const [px, py] = pts[p]!;
      const found = [];
      for (let q = 0; q < n; q++) {
        const [qx, qy] = pts[q]!;
        if (qx >= px - eps && qx <= px + eps && qy >= py - eps && qy <= py + eps) found.push(q);
      }
      if (found.length < minPoints) continue;
      const saved: number[] = [];
      for (const q of found) {
        if (saved.length >= minPoints) {
          if (find(p) === find(q)) continue;
          if (inCluster[q] && !isCore[q]) continue;
        }
        const [qx, qy] = pts[q]!;
        const h = qx - px;
        const v = qy - py;
        if (Math.sqrt(h * h + v * v) > eps) continue;
        if (saved.length < minPoints) {
          saved.push(q);
          if (saved.length === minPoints) {
            isCore[p] = true;
            inCluster[p] = true;
            for (const s of saved) unionIfAvailable(p, s);
          }
        } else unionIfAvailable(p, q);
      }
    }
  }
  const label = new Map<number, number>();
  return pts.map((_, i) => {
    if (!inCluster[i]) return -1;
    const r = find(i);
    if (!label.has(r)) label.set(r, label.size);
    return label.get(r)!;
  });
}

async function labelsOf(pts: [number, number][], eps: number, minPoints: number) {
  const r = await dbscan(
    Float64Array.from(pts.map((p) => p[0])),
    Float64Array.from(pts.map((p) => p[1])),
    eps,
    minPoints,
  );
  return { labels: [...r.labels], core: [...r.core], clusters: r.clusters };
}

/** A small deterministic generator (mulberry32). */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('dbscan (grid) = ST_ClusterDBSCAN', () => {
  it('finds a dense blob, leaves a far point as noise, counts the point itself', async () => {
    // 5 points within 1 m of each other and one 100 m away; eps 2, min 5.
    const pts: [number, number][] = [
      [0, 0],
      [1, 0],
      [0, 1],
      [1, 1],
      [0.5, 0.5],
      [100, 100],
    ];
    expect(await labelsOf(pts, 2, 5)).toEqual({
      labels: [0, 0, 0, 0, 0, -1],
      core: [1, 1, 1, 1, 1, 0],
      clusters: 1,
    });
    // min 6: every blob point has only 5 neighbours (itself included): no cluster.
    expect((await labelsOf(pts, 2, 6)).clusters).toBe(0);
  });

  it('clusters nothing when there are no more points than minPoints, as PostGIS does', async () => {
    const blob: [number, number][] = [
      [0, 0],
      [1, 0],
      [0, 1],
    ];
    expect((await labelsOf(blob, 5, 3)).labels).toEqual([-1, -1, -1]);
    expect(postgisDbscan(blob, 5, 3)).toEqual([-1, -1, -1]);
    expect((await labelsOf([...blob, [50, 50]], 5, 3)).labels).toEqual([0, 0, 0, -1]);
  });

  it('chains core points into one cluster across many cells', async () => {
    // A line of points 0.9 m apart over 200 m: eps 1, min 3 (each inner point has 3 with itself).
    const pts: [number, number][] = Array.from({ length: 223 }, (_, i) => [i * 0.9, 0]);
    const r = await labelsOf(pts, 1, 3);
    expect(r.clusters).toBe(1);
    expect(r.labels.every((l) => l === 0)).toBe(true);
    // Ends are border points (2 neighbours), inner points core.
    expect(r.core[0]).toBe(0);
    expect(r.core[111]).toBe(1);
    expect(r.core[222]).toBe(0);
    // A gap of 1.1 m splits the chain in two.
    const split: [number, number][] = [
      ...pts.slice(0, 100),
      ...pts.slice(100).map(([x, y]) => [x + 0.2, y] as [number, number]),
    ];
    expect((await labelsOf(split, 1, 3)).clusters).toBe(2);
  });

  it('gives a border point between two clusters to the cluster of its lowest-index core neighbour', async () => {
    // Two blobs of 4 core points, their nearest points at x = ±1.5; a point at 0 is within eps 1.5
    // of one core point of each (3 neighbours with itself: not core).
    const left: [number, number][] = [
      [-1.5, 0],
      [-2, 0],
      [-2, 0.3],
      [-2, -0.3],
    ];
    const right: [number, number][] = [
      [1.5, 0],
      [2, 0],
      [2, 0.3],
      [2, -0.3],
    ];
    const border: [number, number] = [0, 0];
    // Left first: the border joins the left cluster (label 0); right first: the right one (label 0 too,
    // but now the right blob's).
    const a = await labelsOf([...left, ...right, border], 1.5, 4);
    expect(a.labels).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 0]);
    expect(a.core[8]).toBe(0);
    const b = await labelsOf([...right, ...left, border], 1.5, 4);
    expect(b.labels).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 0]);
    // The border point first in the input: still the lowest-index core neighbour decides.
    const c = await labelsOf([border, ...right, ...left], 1.5, 4);
    expect(c.labels).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1]);
    for (const pts of [
      [...left, ...right, border],
      [...right, ...left, border],
      [border, ...right, ...left],
    ]) {
      expect((await labelsOf(pts, 1.5, 4)).labels).toEqual(postgisDbscan(pts, 1.5, 4));
    }
  });

  it('counts duplicates (one spot, many complaints) as separate points', async () => {
    const pts: [number, number][] = [
      ...Array.from({ length: 20 }, () => [10, 10] as [number, number]),
      [10, 30],
    ];
    const r = await labelsOf(pts, 5, 20);
    expect(r.labels.slice(0, 20).every((l) => l === 0)).toBe(true);
    expect(r.labels[20]).toBe(-1);
    expect((await labelsOf(pts, 5, 21)).clusters).toBe(0);
  });

  it('includes a neighbour at exactly eps and excludes one a hair beyond', async () => {
    // 3-4-5 triangle: the distance is exactly 5.
    const at: [number, number][] = [
      [0, 0],
      [3, 4],
      [1000, 1000],
    ];
    expect((await labelsOf(at, 5, 2)).labels).toEqual([0, 0, -1]);
    expect((await labelsOf(at, 4.999999999, 2)).labels).toEqual([-1, -1, -1]);
    // On an axis at a grid-cell boundary (eps/√2 cells): exactly eps apart along x.
    const axis: [number, number][] = [
      [0, 0],
      [100, 0],
      [5000, 0],
    ];
    expect((await labelsOf(axis, 100, 2)).labels).toEqual([0, 0, -1]);
    expect((await labelsOf(axis, 99.99999, 2)).labels).toEqual([-1, -1, -1]);
    // Two cells apart diagonally (the 5 × 5 block's corner): (eps/√2 · 0.999…) on both axes.
    const side = (100 / Math.SQRT2) * 0.9999;
    const diag: [number, number][] = [
      [0, 0],
      [side, side],
      [9000, 0],
    ];
    expect((await labelsOf(diag, 100, 2)).labels).toEqual([0, 0, -1]);
  });

  it('equals the transcribed PostGIS algorithm on random city-like point sets', async () => {
    for (let seed = 1; seed <= 40; seed++) {
      const rnd = random(seed);
      const pts: [number, number][] = [];
      // Hot spots (some sharing exact locations) over a sparse background, UTM-sized coordinates.
      const spots = 1 + Math.floor(rnd() * 6);
      for (let s = 0; s < spots; s++) {
        const cx = 500_000 + rnd() * 3000;
        const cy = 2_930_000 + rnd() * 3000;
        const spread = 20 + rnd() * 200;
        const k = 10 + Math.floor(rnd() * 80);
        for (let i = 0; i < k; i++) {
          if (i > 0 && rnd() < 0.1) pts.push([...pts[pts.length - 1]!]);
          else pts.push([cx + (rnd() - 0.5) * spread, cy + (rnd() - 0.5) * spread]);
        }
      }
      for (let i = 0; i < 150; i++) pts.push([500_000 + rnd() * 3000, 2_930_000 + rnd() * 3000]);
      // Shuffle so that input order is not spatial.
      for (let i = pts.length - 1; i > 0; i--) {
        const j = Math.floor(rnd() * (i + 1));
        [pts[i], pts[j]] = [pts[j]!, pts[i]!];
      }
      const eps = [15, 40, 100, 250][seed % 4]!;
      const minPoints = [2, 5, 8, 20][(seed >> 2) % 4]!;
      const ours = await labelsOf(pts, eps, minPoints);
      expect(ours.labels, `seed ${seed}, eps ${eps}, min ${minPoints}`).toEqual(
        postgisDbscan(pts, eps, minPoints),
      );
    }
  });

  it('yields to the event loop during a long run', async () => {
    const rnd = random(7);
    const n = 200_000;
    const xs = new Float64Array(n);
    const ys = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      xs[i] = rnd() * 20_000;
      ys[i] = rnd() * 20_000;
    }
    let turns = 0;
    const timer = setInterval(() => turns++, 1);
    const r = await dbscan(xs, ys, 30, 4);
    clearInterval(timer);
    expect(r.clusters).toBeGreaterThan(0);
    expect(turns).toBeGreaterThan(1);
  });
});
