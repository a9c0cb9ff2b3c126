/**
 * 事前预警 of emerging hot spots: which square cells (`cellSize` m in EPSG:4543) × level-1 category
 * have just turned into a new, consecutive, intensifying or persistent hot spot. Pure; time enters
 * only as week indices.
 *
 * The model, per level-1 category c, evaluated on day d (Asia/Shanghai):
 * - Weeks: week k covers days d−7k−6 … d−7k (week 0 is the last 7 days including today); the cube
 *   holds the last `steps` (12) weeks, oldest first; history goes back `historyWeeks` (52).
 * - Cells: every cell with at least one ordinary complaint (any category) in the cube's weeks, so a
 *   category's zeros are counted where people do complain about other things.
 * - Classes: the hotspot workspace's space-time Gi* over the cube (neighbours: the 8 surrounding
 *   cells and the cell itself, this week and the week before; FDR over the cube; 90 % confidence)
 *   with Mann-Kendall trends and ArcGIS's patterns (`lib/hotspots/emerging.ts`). Alerting classes:
 *   new_hot (the window is the last week), consecutive_hot (the run of hot weeks ending now),
 *   intensifying_hot (the last 4 weeks) and persistent_hot (the whole cube, 12 weeks).
 * - Gi* compares a cell with the whole city, so a dense town centre is "hot" every week of an
 *   ordinary year. An alert therefore also needs the class's window to exceed the cell's **own**
 *   history: with n the cell's count in the B weeks of history before the window (B ≥
 *   `minBaselineWeeks`, 8, counting only weeks since the city's first complaint) and a Jeffreys
 *   prior, λ per week ~ Gamma(n + ½, B), the window's count X ~ NB(r = n + ½, p = B / (B + L)) for a
 *   window of L weeks; alert when P(X ≥ observed) ≤ α (`alpha`, 0.001 per cell, category, class and
 *   day), observed ≥ `minCount` (3) and the last week itself holds a complaint of the cell (the
 *   space-time window alone would keep a past burst "hot" through an empty week). Stationary history thus stays silent at rate ≤ α per tested
 *   cell, however hot the cell is against the city; a change of the cell's own level alerts.
 * - A cell's alert closes at the first run that finds it outside that class (or failing the test).
 */
import { emergingHotSpots, type Pattern } from '@/lib/hotspots/emerging';
import { nbMean, nbUpperLimit, nbUpperTail, predictive } from './negative-binomial';

export const EMERGING_PATTERNS = ['new', 'consecutive', 'intensifying', 'persistent'] as const;
export type EmergingPattern = (typeof EMERGING_PATTERNS)[number];

export const EMERGING_DEFAULTS = {
  cellSize: 1000,
  steps: 12,
  historyWeeks: 52,
  intensifyingWeeks: 4,
  alpha: 0.001,
  minCount: 3,
  minBaselineWeeks: 8,
  /** A category with fewer complaints in the cube is not analysed (Gi* needs something to compare). */
  minCategoryTotal: 10,
};
export type EmergingParams = typeof EMERGING_DEFAULTS;

/** What an emerging alert stores beside its figures (`alerts.detail`): the sentence and the map read it. */
export interface EmergingAlertDetail {
  cellSize: number;
  windowWeeks: number;
  /** The cube's weekly counts of the cell, oldest first (the last is the 7 days ending today). */
  weekly: number[];
  baselinePerWeek: number;
  /** Gi* z of the last week. */
  z: number;
  /** The cell's centre (WGS84). */
  lng: number;
  lat: number;
}

export interface EmergingAlertInput {
  /** Cell indices (PostGIS square-grid numbering: i = ⌊x / size⌋, j = ⌊y / size⌋). */
  cells: readonly { i: number; j: number }[];
  /** counts.get(category)[cell][week], week 0 = the last 7 days … historyWeeks − 1. Missing: zeros. */
  counts: ReadonlyMap<string, readonly (readonly number[])[]>;
  /** Weeks of history the city has (since its first complaint), at most historyWeeks. */
  weeksAvailable: number;
}

export interface EmergingFinding {
  category: string;
  /** Index into `cells`. */
  cell: number;
  i: number;
  j: number;
  pattern: EmergingPattern;
  /** Weeks of the class's window (1 new, run length consecutive, 4 intensifying, 12 persistent). */
  windowWeeks: number;
  observed: number;
  /** The window's expected count from the cell's own history. */
  expected: number;
  upperLimit: number;
  /** P(X ≥ observed) under the cell's own history. */
  pValue: number;
  /** The cell's history count per week before the window. */
  baselinePerWeek: number;
  /** The cube's weekly counts of the cell, oldest first. */
  weekly: number[];
  /** Gi* z of the last week. */
  z: number;
}

export interface EmergingEvaluation {
  findings: EmergingFinding[];
  /** (cell × category) pairs in an alerting class that were tested against their own history. */
  tested: number;
  /** Categories analysed. */
  categories: number;
}

const ALERTING: Record<string, EmergingPattern> = {
  new_hot: 'new',
  consecutive_hot: 'consecutive',
  intensifying_hot: 'intensifying',
  persistent_hot: 'persistent',
};

function windowWeeks(pattern: EmergingPattern, bins: readonly number[], p: EmergingParams): number {
  if (pattern === 'new') return 1;
  if (pattern === 'intensifying') return Math.min(p.intensifyingWeeks, bins.length);
  if (pattern === 'persistent') return bins.length;
  let run = 0;
  for (let t = bins.length - 1; t >= 0 && bins[t]! > 0; t--) run++;
  return run;
}

export function evaluateEmergingAlerts(
  input: EmergingAlertInput,
  params: EmergingParams = EMERGING_DEFAULTS,
): EmergingEvaluation {
  const steps = params.steps;
  const size = params.cellSize;
  // Cells active in the cube (any category).
  const active: number[] = [];
  for (let c = 0; c < input.cells.length; c++) {
    let any = false;
    for (const counts of input.counts.values()) {
      const row = counts[c];
      if (row?.slice(0, steps).some((n) => n > 0)) {
        any = true;
        break;
      }
    }
    if (any) active.push(c);
  }
  const findings: EmergingFinding[] = [];
  let tested = 0;
  let categories = 0;
  if (active.length < 2) return { findings, tested, categories };
  const points = active.map((c) => ({
    x: (input.cells[c]!.i + 0.5) * size,
    y: (input.cells[c]!.j + 0.5) * size,
  }));
  const history = Math.min(params.historyWeeks, Math.max(0, Math.floor(input.weeksAvailable)));
  for (const [category, counts] of input.counts) {
    // cube[cell][step], oldest first: step s is week steps − 1 − s.
    const cube = active.map((c) => Array.from({ length: steps }, (_, s) => counts[c]?.[steps - 1 - s] ?? 0));
    const total = cube.reduce((a, row) => a + row.reduce((x, y) => x + y, 0), 0);
    if (total < params.minCategoryTotal) continue;
    categories++;
    const results = emergingHotSpots({
      points,
      counts: cube,
      band: size * Math.SQRT2,
      timeWindow: 1,
      fdr: true,
    });
    for (let k = 0; k < active.length; k++) {
      const pattern = ALERTING[results[k]!.pattern as Pattern];
      if (!pattern) continue;
      const c = active[k]!;
      const row = counts[c] ?? [];
      const L = windowWeeks(pattern, results[k]!.bins, params);
      const B = history - L;
      if (B < params.minBaselineWeeks) continue;
      tested++;
      let observed = 0;
      for (let w = 0; w < L; w++) observed += row[w] ?? 0;
      let base = 0;
      for (let w = L; w < history; w++) base += row[w] ?? 0;
      // A hot spot now has complaints now: the space-time window (the week before counts as a
      // neighbour) would otherwise keep last week's burst "hot" through an empty week.
      if (observed < params.minCount || (row[0] ?? 0) === 0) continue;
      const d = predictive(base + 0.5, B, L);
      const pValue = nbUpperTail(observed, d);
      if (pValue > params.alpha) continue;
      findings.push({
        category,
        cell: c,
        i: input.cells[c]!.i,
        j: input.cells[c]!.j,
        pattern,
        windowWeeks: L,
        observed,
        expected: nbMean(d),
        upperLimit: nbUpperLimit(d, params.alpha),
        pValue,
        baselinePerWeek: base / B,
        weekly: cube[k]!,
        z: results[k]!.z[steps - 1]!,
      });
    }
  }
  findings.sort((a, b) => a.pValue - b.pValue);
  return { findings, tested, categories };
}

/**
 * Whether a cell's emerging finding is the echo of a surge: once the complaints a surge alert of
 * the same run already counts (same category) are set aside, fewer than `minCount` remain in the
 * cell's window, so the cell would not alert on its own. One burst then gives one alert, the surge,
 * which names its place and day more sharply.
 */
export function explainedBySurge(
  cellComplaintIds: readonly number[],
  surgeComplaintIds: ReadonlySet<number> | undefined,
  minCount: number = EMERGING_DEFAULTS.minCount,
): boolean {
  if (!surgeComplaintIds?.size) return false;
  let own = 0;
  for (const id of cellComplaintIds) if (!surgeComplaintIds.has(id)) own++;
  return own < minCount;
}
