/**
 * DBSCAN over points in a plane (metres), with the result PostGIS's `ST_ClusterDBSCAN` gives for the
 * same points in the same order (liblwgeom `union_dbscan_general`), on a grid index instead of an
 * R-tree:
 *
 * - q is a neighbour of p when q lies in p's query box (q.x ∈ [p.x − eps, p.x + eps], the same for y,
 *   the bounds computed in floating point as PostGIS does) and √(dx² + dy²) ≤ eps; p counts itself.
 * - p is a core point when it has at least `minPoints` neighbours. Core points within eps of each
 *   other are in one cluster (connected components).
 * - A non-core point within eps of a core point is a border point. One within eps of two clusters'
 *   core points belongs, in PostGIS, to the cluster of the first core point (in input order) whose
 *   turn reaches it: the core neighbour with the lowest index. That is the rule here, so the input
 *   order decides, as it does for `ST_ClusterDBSCAN` (order the window `over (order by id)` and the
 *   points by id to get the same clusters).
 * - PostGIS clusters nothing when there are no more points than `minPoints` (n ≤ minPoints); so here.
 * - Labels: 0, 1, … in the order of each cluster's first point in input order (PostGIS numbers by
 *   its union-find roots, which depend on its R-tree's traversal: a label, not a meaning).
 *
 * The grid: square cells of side eps/√2 (a hair less), so any two points of one cell are within eps
 * and a cell holding at least `minPoints` points makes all of them core without a distance; the
 * neighbours of a point lie in the 5 × 5 block of cells around its own. Clusters are unions of cells
 * (every core point of a cell is in the cell's cluster), joined when some core pair of two cells is
 * within eps. Cost: O(n) for dense cells, neighbours counted only until `minPoints` elsewhere.
 *
 * Long loops yield to the event loop (`setImmediate`) every ~10 ms: on the embedded engine the
 * database and other requests share this thread.
 */

export interface DbscanResult {
  /** Cluster label per point, −1 for noise. */
  labels: Int32Array;
  /** 1 for a core point. */
  core: Uint8Array;
  /** How many clusters (labels 0 … clusters − 1). */
  clusters: number;
}

/** Cooperative yielding: `tick()` every few iterations, it awaits `setImmediate` once ~10 ms passed. */
function yielder(budgetMs = 10) {
  let last = performance.now();
  return async () => {
    const t = performance.now();
    if (t - last < budgetMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    last = performance.now();
  };
}

/** Cell side: eps/√2 shrunk by 1e-7, so rounding can never put two points more than eps apart in one cell. */
export function dbscanCellSize(eps: number): number {
  return (eps / Math.SQRT2) * (1 - 1e-7);
}

export async function dbscan(
  xs: Float64Array,
  ys: Float64Array,
  eps: number,
  minPoints: number,
): Promise<DbscanResult> {
  const n = xs.length;
  const labels = new Int32Array(n).fill(-1);
  const core = new Uint8Array(n);
  if (n <= minPoints || n === 0) return { labels, core, clusters: 0 };
  const tick = yielder();

  // p's query box, as PostGIS computes it (bounds rounded once each).
  const near = (p: number, q: number): boolean => {
    const px = xs[p]!;
    const py = ys[p]!;
    const qx = xs[q]!;
    const qy = ys[q]!;
    if (qx < px - eps || qx > px + eps || qy < py - eps || qy > py + eps) return false;
    const h = qx - px;
    const v = qy - py;
    return Math.sqrt(h * h + v * v) <= eps;
  };

  // Grid: cells sorted by column then row (a stable counting sort: within a cell, input order).
  const side = dbscanCellSize(eps);
  const reach = Math.ceil(eps / side);
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  for (let p = 0; p < n; p++) {
    if (xs[p]! < minX) minX = xs[p]!;
    if (ys[p]! < minY) minY = ys[p]!;
  }
  const ci = new Int32Array(n);
  const cj = new Int32Array(n);
  let maxI = 0;
  let maxJ = 0;
  for (let p = 0; p < n; p++) {
    const i = Math.floor((xs[p]! - minX) / side);
    const j = Math.floor((ys[p]! - minY) / side);
    if (!(i < 1 << 24 && j < 1 << 24)) throw new RangeError('dbscan: points too far apart for eps');
    ci[p] = i;
    cj[p] = j;
    if (i > maxI) maxI = i;
    if (j > maxJ) maxJ = j;
  }
  const byJ = countingSort(
    Uint32Array.from({ length: n }, (_, p) => p),
    cj,
    maxJ,
  );
  const order = countingSort(byJ, ci, maxI);
  // Cells: runs of one (i, j) in `order`.
  const startList: number[] = [];
  for (let k = 0; k < n; k++) {
    const p = order[k]!;
    if (k === 0 || ci[p] !== ci[order[k - 1]!] || cj[p] !== cj[order[k - 1]!]) startList.push(k);
  }
  const cells = startList.length;
  startList.push(n);
  const start = Int32Array.from(startList);
  const members = Int32Array.from(order);
  const cellI = new Int32Array(cells);
  const cellJ = new Int32Array(cells);
  const cellOfPoint = new Int32Array(n);
  for (let c = 0; c < cells; c++) {
    cellI[c] = ci[members[start[c]!]!]!;
    cellJ[c] = cj[members[start[c]!]!]!;
    for (let k = start[c]!; k < start[c + 1]!; k++) cellOfPoint[members[k]!] = c;
  }
  // Column i's cells are colStart[i] … colStart[i + 1] − 1.
  const colStart = new Int32Array(maxI + 2);
  for (let c = 0; c < cells; c++) colStart[cellI[c]! + 1]!++;
  for (let i = 0; i <= maxI; i++) colStart[i + 1]! += colStart[i]!;
  // Neighbouring cells: per cell and per column offset −reach … reach, a range [lo, hi) of cells
  // (rows j − reach … j + reach of that column). Pointers only move forward within a column.
  const span = 2 * reach + 1;
  const ranges = new Int32Array(cells * span * 2);
  const ptr = new Int32Array(span);
  for (let c = 0; c < cells; c++) {
    const i = cellI[c]!;
    const j = cellJ[c]!;
    const newColumn = c === 0 || cellI[c - 1] !== i;
    for (let d = 0; d < span; d++) {
      const col = i + d - reach;
      let lo = 0;
      let hi = 0;
      if (col >= 0 && col <= maxI) {
        if (newColumn) ptr[d] = colStart[col]!;
        const end = colStart[col + 1]!;
        let k = ptr[d]!;
        while (k < end && cellJ[k]! < j - reach) k++;
        ptr[d] = k;
        lo = k;
        while (k < end && cellJ[k]! <= j + reach) k++;
        hi = k;
      }
      ranges[(c * span + d) * 2] = lo;
      ranges[(c * span + d) * 2 + 1] = hi;
    }
  }

  // 1. Core points.
  for (let c = 0; c < cells; c++) {
    const size = start[c + 1]! - start[c]!;
    if (size >= minPoints) {
      for (let k = start[c]!; k < start[c + 1]!; k++) core[members[k]!] = 1;
      continue;
    }
    for (let k = start[c]!; k < start[c + 1]!; k++) {
      const p = members[k]!;
      let count = size; // its own cell: all within eps, itself included
      for (let d = 0; d < span && count < minPoints; d++) {
        const hi = ranges[(c * span + d) * 2 + 1]!;
        for (let o = ranges[(c * span + d) * 2]!; o < hi && count < minPoints; o++) {
          if (o === c) continue;
          for (let l = start[o]!; l < start[o + 1]!; l++) {
            if (near(p, members[l]!) && ++count >= minPoints) break;
          }
        }
      }
      if (count >= minPoints) core[p] = 1;
    }
    if ((c & 255) === 0) await tick();
  }

  // Core points per cell, in input order, and their bounding boxes.
  const coreStart = new Int32Array(cells + 1);
  for (let c = 0; c < cells; c++) {
    let k = 0;
    for (let l = start[c]!; l < start[c + 1]!; l++) k += core[members[l]!]!;
    coreStart[c + 1] = coreStart[c]! + k;
  }
  const coreMembers = new Int32Array(coreStart[cells]!);
  const box = new Float64Array(cells * 4);
  for (let c = 0; c < cells; c++) {
    let k = coreStart[c]!;
    let x0 = Number.POSITIVE_INFINITY;
    let y0 = Number.POSITIVE_INFINITY;
    let x1 = Number.NEGATIVE_INFINITY;
    let y1 = Number.NEGATIVE_INFINITY;
    for (let l = start[c]!; l < start[c + 1]!; l++) {
      const p = members[l]!;
      if (!core[p]) continue;
      coreMembers[k++] = p;
      x0 = Math.min(x0, xs[p]!);
      y0 = Math.min(y0, ys[p]!);
      x1 = Math.max(x1, xs[p]!);
      y1 = Math.max(y1, ys[p]!);
    }
    box.set([x0, y0, x1, y1], c * 4);
  }

  // 2. Clusters: union-find over cells with core points.
  const parent = new Int32Array(cells);
  for (let c = 0; c < cells; c++) parent[c] = c;
  const find = (c: number): number => {
    let r = c;
    while (parent[r] !== r) r = parent[r]!;
    while (parent[c] !== r) {
      const next = parent[c]!;
      parent[c] = r;
      c = next;
    }
    return r;
  };
  // Distance from (x, y) to a box, 0 inside; a little slack so rounding never prunes a true pair.
  const boxGap = (x: number, y: number, o: number) => {
    const dx = Math.max(box[o * 4]! - x, 0, x - box[o * 4 + 2]!);
    const dy = Math.max(box[o * 4 + 1]! - y, 0, y - box[o * 4 + 3]!);
    return Math.sqrt(dx * dx + dy * dy);
  };
  const slack = eps * (1 + 1e-9);
  for (let c = 0; c < cells; c++) {
    if (coreStart[c + 1] === coreStart[c]) continue;
    for (let m = 0; m < span * 2; m += 2) {
      for (let o = ranges[c * span * 2 + m]!; o < ranges[c * span * 2 + m + 1]!; o++) {
        if (o <= c || coreStart[o + 1] === coreStart[o]) continue;
        if (find(c) === find(o)) continue;
        let joined = false;
        for (let k = coreStart[c]!; k < coreStart[c + 1]! && !joined; k++) {
          const p = coreMembers[k]!;
          if (boxGap(xs[p]!, ys[p]!, o) > slack) continue;
          for (let l = coreStart[o]!; l < coreStart[o + 1]!; l++) {
            const q = coreMembers[l]!;
            if (near(p, q) || near(q, p)) {
              joined = true;
              break;
            }
          }
        }
        if (joined) parent[find(c)] = find(o);
      }
    }
    if ((c & 255) === 0) await tick();
  }

  // 3. Labels in input order; a border point takes the cluster of its lowest-index core neighbour.
  const rootLabel = new Int32Array(cells).fill(-1);
  let clusters = 0;
  for (let p = 0; p < n; p++) {
    let cell: number;
    if (core[p]) cell = cellOfPoint[p]!;
    else {
      const c = cellOfPoint[p]!;
      let best = n;
      for (let m = 0; m < span * 2; m += 2) {
        for (let o = ranges[c * span * 2 + m]!; o < ranges[c * span * 2 + m + 1]!; o++) {
          for (let l = coreStart[o]!; l < coreStart[o + 1]!; l++) {
            const q = coreMembers[l]!;
            if (q >= best) break;
            if (near(q, p)) {
              best = q;
              break;
            }
          }
        }
      }
      if (best === n) continue;
      cell = cellOfPoint[best]!;
    }
    const root = find(cell);
    if (rootLabel[root] === -1) rootLabel[root] = clusters++;
    labels[p] = rootLabel[root]!;
    if ((p & 4095) === 0) await tick();
  }
  return { labels, core, clusters };
}

/** Stable counting sort of `items` by `key[item]` (0 … max). */
function countingSort(items: Uint32Array, key: Int32Array, max: number): Uint32Array {
  const count = new Int32Array(max + 2);
  for (const p of items) count[key[p]! + 1]!++;
  for (let k = 0; k <= max; k++) count[k + 1]! += count[k]!;
  const out = new Uint32Array(items.length);
  for (const p of items) out[count[key[p]!]!++] = p;
  return out;
}
