/**
 * 事前预警: is an area's count of one level-1 category today, or over the last 7 days, above what its
 * own history predicts? Pure; time enters only as day indices and a weekday.
 *
 * The model, per series s = (area a, category c), evaluated on day d (Asia/Shanghai):
 * - Baseline window: the `baselineDays` (84, 12 weeks) days before the last `recentDays` (7): days
 *   d−90 … d−7. A surge that began within the week does not raise its own baseline.
 * - Rate: λ_s ~ Gamma(shape n_s + m ρ_s, rate T + m) per day — a gamma–Poisson posterior with n_s
 *   the baseline count, T = 84 days, and a prior worth m = `priorDays` (28) days of data centred on
 *   ρ_s = λ̂_parent,c × share_a: the parent area's posterior mean rate for the category times the
 *   area's share of the parent's complaints of every category, (N_a + 1) / (N_parent + K_parent) with
 *   K_parent the parent's number of child areas. A village with little history thus borrows its
 *   category mix from its town (the town from its county, the county from the city) and its volume
 *   from its own all-category history.
 * - Weekday effect w_k (Monday 0 … Sunday 6): the city's all-category baseline count on weekday k
 *   over its mean, shrunk towards 1 with `weekdayPseudo` (50) pseudo-complaints per weekday.
 * - Level drift g: the city's rate over the last 28 baseline days over its 84-day rate, clamped to
 *   [0.67, 1.5] (adoption growth, seasons).
 * - Predictive count of a window: X ~ NB(r = n_s + m ρ_s, p = (T + m) / (T + m + M)) with exposure
 *   M = g w_{d} for today and M = g Σ_{k=0..6} w_{d−k} for the last 7 days; expected = E[X]. The
 *   negative binomial carries the rate's uncertainty, so a sparse village gets a wider limit than the
 *   same mean with long history.
 * - Upper limit U at false-alarm rate α (`alpha`, 0.001 per series, window and day): the smallest k
 *   with P(X > k) ≤ α. An alert: observed > U and observed ≥ `minCount` (3), so a village with no
 *   history never alerts on one or two complaints. Today's count is a partial day compared with a
 *   whole day's limit: conservative in the morning, exact at midnight.
 * - Of the two windows the day's wins when both exceed (it is the sharper statement).
 * - A town (county) alert that its alerting villages (towns) explain is not raised: when the parent's
 *   count without those children's counts is back inside the parent's limit, the children say it.
 */
import { nbMean, nbUpperLimit, nbUpperTail, predictive } from './negative-binomial';

export type AreaLevel = 'city' | 'county' | 'town' | 'village';
export type SurgeWindow = 'day' | 'week';

export const SURGE_DEFAULTS = {
  alpha: 0.001,
  minCount: 3,
  baselineDays: 84,
  recentDays: 7,
  priorDays: 28,
  weekdayPseudo: 50,
  trendMin: 0.67,
  trendMax: 1.5,
} as const;

export type SurgeParams = { -readonly [K in keyof typeof SURGE_DEFAULTS]: number };

export interface AreaNode {
  code: string;
  level: AreaLevel;
  parentCode: string | null;
}

/** Counts of one category at a place; the codes a complaint carries (null when unknown). */
export interface PlaceCount {
  countyCode: string | null;
  townCode: string | null;
  villageCode: string | null;
  category: string;
  n: number;
}

/** A count of the last `recentDays` days: `daysAgo` 0 is today. */
export interface RecentCount extends PlaceCount {
  daysAgo: number;
}

export interface SurgeInput {
  areas: readonly AreaNode[];
  /** Level-1 categories to evaluate. */
  categories: readonly string[];
  baseline: readonly PlaceCount[];
  /** The whole population's baseline counts by weekday (Monday 0 … Sunday 6). */
  weekdayTotals: readonly number[];
  /** The whole population's count over the last 28 days of the baseline. */
  lastFourWeeksTotal: number;
  recent: readonly RecentCount[];
  /** Today's weekday (Monday 0 … Sunday 6). */
  todayWeekday: number;
}

export interface SurgeSeries {
  areaCode: string;
  level: AreaLevel;
  category: string;
  window: SurgeWindow;
  observed: number;
  expected: number;
  upperLimit: number;
  pValue: number;
}

export interface SurgeResult {
  /** How many series × windows were tested. */
  tests: number;
  /** The alerting series, villages first, then towns, then counties. */
  alerts: SurgeSeries[];
  /** Per-series figures the caller may want to show for a series that did not alert. */
  weekdayFactors: number[];
  trend: number;
}

const LEVEL_ORDER: AreaLevel[] = ['village', 'town', 'county'];

/** Keys of the areas a count belongs to (its village, town and county, and the root). */
function placesOf(c: PlaceCount, root: string): string[] {
  const out = [root];
  if (c.countyCode) out.push(c.countyCode);
  if (c.townCode) out.push(c.townCode);
  if (c.villageCode) out.push(c.villageCode);
  return out;
}

const key = (area: string, category: string) => `${area}\u0000${category}`;

export function weekdayFactors(totals: readonly number[], pseudo: number): number[] {
  const total = totals.reduce((a, b) => a + b, 0);
  const mean = total / 7;
  return Array.from({ length: 7 }, (_, k) => ((totals[k] ?? 0) + pseudo) / (mean + pseudo));
}

export function evaluateSurges(input: SurgeInput, params: SurgeParams = { ...SURGE_DEFAULTS }): SurgeResult {
  const ROOT = '\u0000root';
  const parentOf = new Map<string, string>();
  const childCount = new Map<string, number>();
  const levelOf = new Map<string, AreaLevel>();
  for (const a of input.areas) {
    levelOf.set(a.code, a.level);
    const parent = a.level === 'county' || !a.parentCode ? ROOT : a.parentCode;
    if (a.level === 'city') continue;
    parentOf.set(a.code, parent);
    childCount.set(parent, (childCount.get(parent) ?? 0) + 1);
  }

  // Baseline counts per area × category and per area (all categories).
  const n = new Map<string, number>();
  const nAll = new Map<string, number>();
  for (const c of input.baseline) {
    for (const place of placesOf(c, ROOT)) {
      n.set(key(place, c.category), (n.get(key(place, c.category)) ?? 0) + c.n);
      nAll.set(place, (nAll.get(place) ?? 0) + c.n);
    }
  }

  const T = params.baselineDays;
  const m = params.priorDays;
  const w = weekdayFactors(input.weekdayTotals, params.weekdayPseudo);
  const rootAll = nAll.get(ROOT) ?? 0;
  const rawTrend = rootAll > 0 ? input.lastFourWeeksTotal / 28 / (rootAll / T) : 1;
  const g = Math.min(params.trendMax, Math.max(params.trendMin, Number.isFinite(rawTrend) ? rawTrend : 1));
  const dayExposure = g * w[input.todayWeekday]!;
  let weekExposure = 0;
  for (let k = 0; k < params.recentDays; k++)
    weekExposure += g * w[(((input.todayWeekday - k) % 7) + 7) % 7]!;

  // Posterior mean rates, top-down (the prior of an area needs its parent's).
  const shape = new Map<string, number>();
  const rate = T + m;
  const meanRate = (area: string, category: string): number => {
    const k = key(area, category);
    const cached = shape.get(k);
    if (cached !== undefined) return cached / (area === ROOT ? T : rate);
    let s: number;
    if (area === ROOT) {
      s = n.get(k) ?? 0;
    } else {
      const parent = parentOf.get(area) ?? ROOT;
      const share = ((nAll.get(area) ?? 0) + 1) / ((nAll.get(parent) ?? 0) + (childCount.get(parent) ?? 1));
      const rho = meanRate(parent, category) * share;
      s = (n.get(k) ?? 0) + m * rho;
    }
    shape.set(k, s);
    return s / (area === ROOT ? T : rate);
  };

  // Recent counts: today and the last 7 days, per area × category.
  const today = new Map<string, number>();
  const week = new Map<string, number>();
  for (const c of input.recent) {
    if (c.daysAgo < 0 || c.daysAgo >= params.recentDays) continue;
    for (const place of placesOf(c, ROOT)) {
      if (place === ROOT) continue;
      const k = key(place, c.category);
      week.set(k, (week.get(k) ?? 0) + c.n);
      if (c.daysAgo === 0) today.set(k, (today.get(k) ?? 0) + c.n);
    }
  }

  const evaluate = (area: string, category: string, window: SurgeWindow, observed: number): SurgeSeries => {
    meanRate(area, category);
    const d = predictive(
      shape.get(key(area, category))!,
      rate,
      window === 'day' ? dayExposure : weekExposure,
    );
    return {
      areaCode: area,
      level: levelOf.get(area)!,
      category,
      window,
      observed,
      expected: nbMean(d),
      upperLimit: nbUpperLimit(d, params.alpha),
      pValue: nbUpperTail(observed, d),
    };
  };

  const alerts: SurgeSeries[] = [];
  let tests = 0;
  const areasByLevel = new Map<AreaLevel, string[]>();
  for (const a of input.areas) {
    if (a.level === 'city') continue;
    const list = areasByLevel.get(a.level) ?? [];
    list.push(a.code);
    areasByLevel.set(a.level, list);
  }
  const childrenOf = new Map<string, string[]>();
  for (const [child, parent] of parentOf) {
    const list = childrenOf.get(parent) ?? [];
    list.push(child);
    childrenOf.set(parent, list);
  }

  // What alerting areas below explain, per area × category and window: an alerting child counts
  // whole, a quiet child passes on what its own children explain.
  const covered = { day: new Map<string, number>(), week: new Map<string, number>() };
  for (const level of LEVEL_ORDER) {
    for (const area of areasByLevel.get(level) ?? []) {
      for (const category of input.categories) {
        tests += 2;
        const k = key(area, category);
        let found: SurgeSeries | null = null;
        for (const window of ['day', 'week'] as const) {
          const counts = window === 'day' ? today : week;
          const observed = counts.get(k) ?? 0;
          const explained = (childrenOf.get(area) ?? []).reduce(
            (sum, child) => sum + (covered[window].get(key(child, category)) ?? 0),
            0,
          );
          covered[window].set(k, explained);
          // Below the minimum count nothing can alert: skip the arithmetic.
          if (found || observed < params.minCount) continue;
          const s = evaluate(area, category, window, observed);
          if (s.observed <= s.upperLimit) continue;
          // Explained by alerting areas inside it? Then those say it.
          if (explained > 0 && s.observed - explained <= s.upperLimit) continue;
          found = s;
        }
        if (found) {
          alerts.push(found);
          // An alerting area explains all of its counts in both windows.
          covered.day.set(k, today.get(k) ?? 0);
          covered.week.set(k, week.get(k) ?? 0);
        }
      }
    }
  }
  return { tests, alerts, weekdayFactors: w, trend: g };
}
