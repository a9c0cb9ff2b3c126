/**
 * 每月一题 candidates: which recurring problems (a town × level-1 category) a division should take
 * on this month. Pure.
 *
 * Over the 12 whole months before the topic's month, per problem:
 * - volume: its complaints;
 * - persistence: 0.6 × its emerging hot-spot class score (space-time Gi* over the city's towns,
 *   `townPatterns`: persistent or intensifying 1, consecutive 0.8, sporadic or oscillating 0.6, new
 *   0.5, diminishing 0.4, historical 0.3, none or cold 0) + 0.4 × the share of months with a complaint;
 * - offices involved: distinct offices its complaints were dispatched or transferred to or handled by;
 * - dissatisfaction: unsatisfied ÷ rated, and reopen rate: reopened ÷ complaints, each shrunk towards
 *   the division's own rate with 5 pseudo-observations (a problem with 2 ratings is not "100 %").
 * A candidate has ≥ `minVolume` (6) complaints in ≥ `minMonths` (3) months (it recurs). Score: the
 * weighted mean of the five percentile ranks among the candidates (volume 0.35, persistence 0.25,
 * offices 0.15, dissatisfaction 0.15, reopen 0.10); ties in score go to the larger volume.
 */
import { emergingHotSpots, type Pattern } from '@/lib/hotspots/emerging';
import type { TopicCandidate } from './topic-types';

export const TOPIC_DEFAULTS = {
  minVolume: 6,
  minMonths: 3,
  limit: 20,
  pseudo: 5,
  weights: { volume: 0.35, persistence: 0.25, offices: 0.15, dissatisfaction: 0.15, reopen: 0.1 },
};

export interface ProblemInput {
  area: { code: string; name: string; path: string };
  category: { code: string; name: string; nameEn: string };
  monthly: number[];
  pattern: Pattern;
  offices: number;
  rated: number;
  unsatisfied: number;
  reopened: number;
}

const PATTERN_SCORE: Partial<Record<Pattern, number>> = {
  persistent_hot: 1,
  intensifying_hot: 1,
  consecutive_hot: 0.8,
  sporadic_hot: 0.6,
  oscillating_hot: 0.6,
  new_hot: 0.5,
  diminishing_hot: 0.4,
  historical_hot: 0.3,
};

/** Mid-ranks scaled to 0–1 (the lowest 0, the highest 1, ties share their mean rank). */
function percentileRanks(values: readonly number[]): number[] {
  const n = values.length;
  if (n <= 1) return values.map(() => 1);
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(n);
  for (let k = 0; k < n; ) {
    let e = k;
    while (e + 1 < n && order[e + 1]![0] === order[k]![0]) e++;
    const mid = (k + e) / 2;
    for (let t = k; t <= e; t++) ranks[order[t]![1]] = mid / (n - 1);
    k = e + 1;
  }
  return ranks;
}

export function rankTopicCandidates(
  problems: readonly ProblemInput[],
  params: typeof TOPIC_DEFAULTS = TOPIC_DEFAULTS,
): TopicCandidate[] {
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  const all = problems.map((p) => ({ ...p, volume: sum(p.monthly) }));
  const ratedAll = sum(all.map((p) => p.rated));
  const unsatAll = sum(all.map((p) => p.unsatisfied));
  const volumeAll = sum(all.map((p) => p.volume));
  const p0Unsat = ratedAll > 0 ? unsatAll / ratedAll : 0;
  const p0Reopen = volumeAll > 0 ? sum(all.map((p) => p.reopened)) / volumeAll : 0;
  const k = params.pseudo;
  const eligible = all
    .map((p) => {
      const monthsActive = p.monthly.filter((n) => n > 0).length;
      return {
        ...p,
        monthsActive,
        persistence:
          0.6 * (PATTERN_SCORE[p.pattern] ?? 0) + (0.4 * monthsActive) / Math.max(1, p.monthly.length),
        dissatisfaction: (p.unsatisfied + k * p0Unsat) / (p.rated + k),
        reopenRate: (p.reopened + k * p0Reopen) / (p.volume + k),
      };
    })
    .filter((p) => p.volume >= params.minVolume && p.monthsActive >= params.minMonths);
  const r = {
    volume: percentileRanks(eligible.map((p) => p.volume)),
    persistence: percentileRanks(eligible.map((p) => p.persistence)),
    offices: percentileRanks(eligible.map((p) => p.offices)),
    dissatisfaction: percentileRanks(eligible.map((p) => p.dissatisfaction)),
    reopen: percentileRanks(eligible.map((p) => p.reopenRate)),
  };
  const w = params.weights;
  const scored = eligible.map((p, i) => {
    const components = {
      volume: r.volume[i]!,
      persistence: r.persistence[i]!,
      offices: r.offices[i]!,
      dissatisfaction: r.dissatisfaction[i]!,
      reopen: r.reopen[i]!,
    };
    const score =
      w.volume * components.volume +
      w.persistence * components.persistence +
      w.offices * components.offices +
      w.dissatisfaction * components.dissatisfaction +
      w.reopen * components.reopen;
    return { p, components, score };
  });
  scored.sort(
    (a, b) =>
      b.score - a.score ||
      b.p.volume - a.p.volume ||
      a.p.area.code.localeCompare(b.p.area.code) ||
      a.p.category.code.localeCompare(b.p.category.code),
  );
  return scored.slice(0, params.limit).map(({ p, components, score }, i) => ({
    rank: i + 1,
    area: p.area,
    category: p.category,
    volume: p.volume,
    monthly: p.monthly,
    monthsActive: p.monthsActive,
    pattern: p.pattern,
    offices: p.offices,
    rated: p.rated,
    unsatisfied: p.unsatisfied,
    dissatisfaction: p.dissatisfaction,
    reopened: p.reopened,
    reopenRate: p.reopenRate,
    score,
    components,
  }));
}

/**
 * The emerging hot-spot class of every town × category: space-time Gi* over the towns' centres
 * (EPSG:4543 metres) with monthly steps, the neighbourhood being the towns within `band` (default:
 * the largest nearest-neighbour distance, so every town has one), the month before as a neighbour in
 * time, FDR; Mann-Kendall and ArcGIS's patterns (`lib/hotspots/emerging.ts`).
 * counts.get(category)[town][month], oldest first.
 */
export function townPatterns(
  points: readonly { x: number; y: number }[],
  counts: ReadonlyMap<string, readonly (readonly number[])[]>,
  band?: number,
): Map<string, Pattern[]> {
  let b = band ?? 0;
  if (band === undefined) {
    for (let i = 0; i < points.length; i++) {
      let nearest = Number.POSITIVE_INFINITY;
      for (let j = 0; j < points.length; j++) {
        if (i === j) continue;
        const d = Math.hypot(points[i]!.x - points[j]!.x, points[i]!.y - points[j]!.y);
        if (d < nearest) nearest = d;
      }
      if (Number.isFinite(nearest) && nearest > b) b = nearest;
    }
    b *= 1.0001;
  }
  const out = new Map<string, Pattern[]>();
  for (const [category, cube] of counts) {
    const total = cube.reduce((a, row) => a + row.reduce((x, y) => x + y, 0), 0);
    if (total === 0 || points.length < 3 || !(b > 0)) {
      out.set(
        category,
        points.map(() => 'none'),
      );
      continue;
    }
    const cells = emergingHotSpots({ points, counts: cube, band: b, timeWindow: 1, fdr: true });
    out.set(
      category,
      cells.map((c) => c.pattern),
    );
  }
  return out;
}
