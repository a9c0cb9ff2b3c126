import 'server-only';
import type { DbOrTx } from '@/db/client';
import {
  type AreaRef,
  aggregateStatsRaw,
  type Bounds,
  emptyPeriodCounts,
  type PeriodCounts,
  type StatsGroupBy,
} from '@/db/queries/stats';
import {
  type DaySpan,
  listDailyDurationBuckets,
  listDeadlineCorrections,
  listDurationBuckets,
  listRawDurationBuckets,
  ROLLUP_COUNTS,
  sumDailyStatsRollups,
  sumStatsRollups,
} from '@/db/queries/stats-rollups';
import { can } from '@/lib/auth/policy';
import { type DurationBucket, medianDaysFromHistogram } from './duration-histogram';
import { splitWholeMonths, wholeCstDays } from './period';
import { statsScope, type Viewer } from './stats-scope.server';

/** Where the statistics are read from: the rollups (default) or the complaints themselves. */
export type StatsSource = 'rollup' | 'raw';

type Area = AreaRef & { lineage?: readonly string[] };

/**
 * The rollups hold every complaint of an area; they answer for a viewer whose jurisdiction is a
 * division containing the area (then the viewer's scope adds nothing to the area). Any other
 * viewer is answered from the complaints.
 */
function rollupsAnswer(viewer: Viewer, area: Area): boolean {
  const j = viewer.jurisdiction;
  return (
    j.kind === 'division' &&
    can(viewer, 'complaint.read') &&
    (area.lineage?.includes(j.divisionCode) ?? false)
  );
}

/**
 * Every counted quantity of definitions.ts for each period (non-overlapping), grouped by office,
 * level-1 category or not at all. From the rollups: the whole CST months of each period are summed
 * from `complaint_stats_rollups` and the whole CST days at either end from `complaint_stats_daily`
 * (less, for both, the cases whose deadline is still ahead of `now`); a village has no daily rollups
 * and reads its partial days from the complaints (a few thousand cases), as does a span not cut at
 * midnight CST. The median handling time comes from the hourly histograms, monthly and daily (within
 * one hour; exact when the period is one span read from the complaints). Medians are given for
 * `groupBy: 'none'` only (no ranking shows one). `source: 'raw'` aggregates the complaints (the
 * reference the rollups are tested and benchmarked against).
 */
export async function aggregateStats(
  db: DbOrTx,
  params: {
    viewer: Viewer;
    area: Area;
    periods: readonly Bounds[];
    now: Date;
    groupBy: StatsGroupBy;
    source?: StatsSource;
  },
): Promise<Map<string, PeriodCounts[]>> {
  const { viewer, area, periods, now, groupBy } = params;
  const scope = statsScope(viewer);
  if (params.source === 'raw' || !rollupsAnswer(viewer, area)) {
    return aggregateStatsRaw(db, { scope, area, periods, now, groupBy });
  }

  const splits = periods.map((p) => splitWholeMonths(p));
  const result = new Map<string, PeriodCounts[]>();
  const slot = (key: string, i: number) => {
    let row = result.get(key);
    if (!row) {
      row = periods.map(emptyPeriodCounts);
      result.set(key, row);
    }
    return row[i]!;
  };

  // The partial days: whole CST days from the daily rollups (cities, counties, towns), the rest raw.
  const daily = area.level !== 'village';
  const dayPieces: (DaySpan & { b: Bounds })[] = [];
  const rawPieces: { b: Bounds; i: number }[] = [];
  splits.forEach((s, i) => {
    for (const b of s.partial) {
      const days = daily ? wholeCstDays(b) : null;
      if (days) dayPieces.push({ ...days, i, b });
      else rawPieces.push({ b, i });
    }
  });
  // A period that is one raw span gets its exact median from the complaints; any other reads histograms.
  const exactMedian = (i: number) => splits[i]!.months.length === 0 && rawPieces.some((p) => p.i === i);
  const histogramRaw = rawPieces.filter((p) => !exactMedian(p.i));
  const monthIndex = new Map<string, number>();
  splits.forEach((s, i) => {
    for (const m of s.months) monthIndex.set(m, i);
  });
  const months = [...monthIndex.keys()];
  const blocks = [
    ...splits.flatMap((s, i) => (s.block ? [{ b: s.block, i }] : [])),
    ...dayPieces.map(({ b, i }) => ({ b, i })),
  ];
  const medians = groupBy === 'none';
  // Independent reads (side by side on the server engine's pool): the raw partial days, one call per
  // span (a call over several would scan the months between them); the whole months and days from
  // the rollups, less what "now" has not reached; the handling-time histograms.
  const [raws, sums, daySums, corrections, durations, dayDurations, rawDurations] = await Promise.all([
    Promise.all(
      rawPieces.map(({ b, i }) =>
        aggregateStatsRaw(db, {
          scope,
          area,
          periods: [b],
          now,
          groupBy,
          medians: medians && exactMedian(i),
        }),
      ),
    ),
    months.length > 0 ? sumStatsRollups(db, { areaCode: area.code, months, groupBy }) : [],
    dayPieces.length > 0 ? sumDailyStatsRollups(db, { areaCode: area.code, spans: dayPieces, groupBy }) : [],
    blocks.length > 0
      ? listDeadlineCorrections(db, { scope, area, blocks: blocks.map((x) => x.b), now, groupBy })
      : [],
    medians && months.length > 0 ? listDurationBuckets(db, { areaCode: area.code, months }) : [],
    medians && dayPieces.length > 0
      ? listDailyDurationBuckets(db, { areaCode: area.code, spans: dayPieces })
      : [],
    medians
      ? Promise.all(histogramRaw.map(({ b }) => listRawDurationBuckets(db, { scope, area, span: b })))
      : [],
  ]);

  const rawMedians = new Map<number, number | null>();
  raws.forEach((raw, k) => {
    const i = rawPieces[k]!.i;
    for (const [g, [c]] of raw) {
      const into = slot(g, i);
      for (const m of ROLLUP_COUNTS) into[m] += c![m];
      into.handlingSumDays += c!.handlingSumDays;
      if (g === '' && exactMedian(i)) rawMedians.set(i, c!.handlingMedianDays);
    }
  });
  for (const row of sums) {
    const into = slot(row.g, monthIndex.get(row.month)!);
    for (const m of ROLLUP_COUNTS) into[m] += row[m];
    into.handlingSumDays += row.handlingSeconds / 86_400;
  }
  for (const row of daySums) {
    const into = slot(row.g, row.i);
    for (const m of ROLLUP_COUNTS) into[m] += row[m];
    into.handlingSumDays += row.handlingSeconds / 86_400;
  }
  for (const c of corrections) {
    const into = slot(c.g, blocks[c.i]!.i);
    into.onTimeDen -= c.onTimeDen;
    into.overdue -= c.overdue;
    into.replyDen -= c.replyDen;
    into.dispatchDen -= c.dispatchDen;
  }

  if (medians) {
    const buckets: DurationBucket[][] = periods.map(() => []);
    for (const b of durations) buckets[monthIndex.get(b.month)!]!.push(b);
    for (const b of dayDurations) buckets[b.i]!.push(b);
    rawDurations.forEach((list, k) => {
      for (const bucket of list) buckets[histogramRaw[k]!.i]!.push(bucket);
    });
    periods.forEach((_, i) => {
      const median = exactMedian(i) ? (rawMedians.get(i) ?? null) : medianDaysFromHistogram(buckets[i]!);
      if (median !== null || result.has('')) slot('', i).handlingMedianDays = median;
    });
  }
  return result;
}
