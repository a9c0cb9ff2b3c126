/**
 * One-vs-rest linear support vector machines with the squared hinge loss and L2 regularisation,
 * solved exactly in the dual by coordinate descent (Hsieh et al. 2008, LIBLINEAR's solver 1:
 * min_w ½‖w‖² + Σ_i C_i max(0, 1 − y_i w·x_i)²). The bias is a constant feature of value 1.
 * Each class's problem starts from the previous solution's dual variables when C grows (warm start),
 * so a grid of C costs little more than its largest value. Pure and deterministic for a seed.
 */
import { seededRandom, shuffleInPlace } from './random';

/** Rows of L2-normalised sparse vectors (compressed sparse rows). */
export interface SparseRows {
  /** Row i holds entries ptr[i] … ptr[i+1]-1. */
  ptr: Int32Array;
  index: Int32Array;
  value: Float64Array;
  /** Number of columns. */
  width: number;
}

export function sparseRows(
  rows: readonly { index: Int32Array; value: Float64Array }[],
  width: number,
): SparseRows {
  const ptr = new Int32Array(rows.length + 1);
  rows.forEach((r, i) => {
    ptr[i + 1] = ptr[i]! + r.index.length;
  });
  const index = new Int32Array(ptr[rows.length]!);
  const value = new Float64Array(ptr[rows.length]!);
  rows.forEach((r, i) => {
    index.set(r.index, ptr[i]!);
    value.set(r.value, ptr[i]!);
  });
  return { ptr, index, value, width };
}

export function selectRows(x: SparseRows, rows: readonly number[]): SparseRows {
  return sparseRows(
    rows.map((i) => ({
      index: x.index.subarray(x.ptr[i]!, x.ptr[i + 1]!),
      value: x.value.subarray(x.ptr[i]!, x.ptr[i + 1]!),
    })),
    x.width,
  );
}

export interface BinaryProblem {
  x: SparseRows;
  /** +1 or −1 per row. */
  y: Int8Array;
  /** Per-row cost C_i (class weights folded in). */
  cost: Float64Array;
}

export interface SolverState {
  alpha: Float64Array;
  /** width + 1 (the bias last). */
  w: Float64Array;
}

/**
 * Solve (or continue solving, from `state`) one binary problem. Stops when the projected gradient's
 * spread falls below `eps` (LIBLINEAR's default 0.1) or after `maxIter` passes.
 */
export function solveBinarySvm(
  p: BinaryProblem,
  options: { eps?: number; maxIter?: number; seed?: number; state?: SolverState } = {},
): SolverState {
  const { x, y, cost } = p;
  const n = y.length;
  const width = x.width;
  const eps = options.eps ?? 0.1;
  const maxIter = options.maxIter ?? 300;
  const alpha = options.state ? Float64Array.from(options.state.alpha) : new Float64Array(n);
  const w = options.state ? Float64Array.from(options.state.w) : new Float64Array(width + 1);
  const diag = new Float64Array(n);
  const qii = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    diag[i] = 0.5 / cost[i]!;
    let s = 1; // the bias feature
    for (let k = x.ptr[i]!; k < x.ptr[i + 1]!; k++) s += x.value[k]! * x.value[k]!;
    qii[i] = s + diag[i]!;
  }
  if (options.state) {
    // Costs changed: w = Σ α_i y_i x_i still holds; nothing to rebuild.
  }
  const order = Array.from({ length: n }, (_, i) => i);
  const random = seededRandom(options.seed ?? 1);
  // Shrinking (LIBLINEAR): a row at α = 0 whose gradient is above the last pass's largest projected
  // gradient will stay at 0; it is skipped until the active rows converge, then every row is checked
  // again, so the solution is the same, only found sooner.
  let active = n;
  let pgMaxOld = Number.POSITIVE_INFINITY;
  for (let iter = 0; iter < maxIter; iter++) {
    const part = order.slice(0, active);
    shuffleInPlace(part, random);
    for (let s = 0; s < active; s++) order[s] = part[s]!;
    let maxPg = -Infinity;
    let minPg = Infinity;
    for (let s = 0; s < active; s++) {
      const i = order[s]!;
      const yi = y[i]!;
      let dot = w[width]!;
      const end = x.ptr[i + 1]!;
      for (let k = x.ptr[i]!; k < end; k++) dot += w[x.index[k]!]! * x.value[k]!;
      const g = yi * dot - 1 + alpha[i]! * diag[i]!;
      let pg = g;
      if (alpha[i] === 0) {
        if (g > pgMaxOld) {
          active--;
          order[s] = order[active]!;
          order[active] = i;
          s--;
          continue;
        }
        pg = Math.min(g, 0);
      }
      if (pg > maxPg) maxPg = pg;
      if (pg < minPg) minPg = pg;
      if (Math.abs(pg) > 1e-12) {
        const old = alpha[i]!;
        const next = Math.max(old - g / qii[i]!, 0);
        alpha[i] = next;
        const delta = (next - old) * yi;
        if (delta !== 0) {
          for (let k = x.ptr[i]!; k < end; k++) w[x.index[k]!]! += delta * x.value[k]!;
          w[width]! += delta;
        }
      }
    }
    if (maxPg - minPg <= eps || active === 0) {
      if (active === n) break;
      active = n;
      pgMaxOld = Number.POSITIVE_INFINITY;
      continue;
    }
    pgMaxOld = maxPg <= 0 ? Number.POSITIVE_INFINITY : maxPg;
  }
  return { alpha, w };
}

/**
 * Per-row costs of one-vs-rest class `c`: C times the "balanced" class weight n / (K · n_label) of the
 * row's own label, so that a rare class counts as much as a common one.
 */
export function balancedCosts(
  targets: Int32Array,
  classes: number,
  c: number,
  balance: boolean,
): Float64Array {
  const counts = new Float64Array(classes);
  for (const t of targets) counts[t]! += 1;
  const n = targets.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = balance ? (c * n) / (classes * counts[targets[i]!]!) : c;
  }
  return out;
}

/**
 * Train one-vs-rest SVMs for each C of an increasing grid (warm-started); returns, per C, the
 * classes × (width + 1) weights (bias last in each row).
 */
export function trainOneVsRest(
  x: SparseRows,
  targets: Int32Array,
  classes: number,
  grid: readonly number[],
  options: { balance?: boolean; eps?: number; seed?: number } = {},
): Float64Array[] {
  const width = x.width;
  const sorted = [...grid].sort((a, b) => a - b);
  const out = sorted.map(() => new Float64Array(classes * (width + 1)));
  for (let c = 0; c < classes; c++) {
    const y = new Int8Array(targets.length);
    for (let i = 0; i < targets.length; i++) y[i] = targets[i] === c ? 1 : -1;
    let state: SolverState | undefined;
    sorted.forEach((cost, g) => {
      state = solveBinarySvm(
        { x, y, cost: balancedCosts(targets, classes, cost, options.balance ?? true) },
        { eps: options.eps, seed: (options.seed ?? 1) + c, state },
      );
      out[g]!.set(state.w, c * (width + 1));
    });
  }
  // Back to the grid's order.
  return grid.map((cost) => out[sorted.indexOf(cost)]!);
}

/** Scores (one per class) of row i of x under classes × (width + 1) weights. */
export function scoreRow(
  weights: Float64Array | Float32Array,
  x: SparseRows,
  i: number,
  classes: number,
): Float64Array {
  const stride = x.width + 1;
  const out = new Float64Array(classes);
  for (let c = 0; c < classes; c++) {
    const row = c * stride;
    let s = weights[row + x.width]!;
    for (let k = x.ptr[i]!; k < x.ptr[i + 1]!; k++) s += weights[row + x.index[k]!]! * x.value[k]!;
    out[c] = s;
  }
  return out;
}
