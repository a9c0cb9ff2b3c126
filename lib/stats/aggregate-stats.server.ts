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
  listDeadlineCorrections,
  listDurationBuckets,
  listRawDurationBuckets,
  ROLLUP_COUNTS,
  sumStatsRollups,
} from '@/db/queries/stats-rollups';
import { can } from '@/lib/auth/policy';
import { type DurationBucket, medianDaysFromHistogram } from './duration-histogram';
import { splitWholeMonths } from './period';
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
 * from `complaint_stats_rollups` (less the cases whose deadline is still ahead of `now`), the partial
 * days at either end are aggregated from the complaints, and the median handling time comes from the
 * hourly histogram (within one hour; exact when the period has no whole month). Medians are given
 * for `groupBy: 'none'` only (no ranking shows one). `source: 'raw'` aggregates the complaints (the
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

  const pieces = splits.flatMap((s, i) => s.partial.map((b) => ({ b, i })));
  const mixed = pieces.filter((p) => splits[p.i]!.months.length > 0);
  const monthIndex = new Map<string, number>();
  splits.forEach((s, i) => {
    for (const m of s.months) monthIndex.set(m, i);
  });
  const months = [...monthIndex.keys()];
  const blocks = splits.flatMap((s, i) => (s.block ? [{ b: s.block, i }] : []));
  const withMonths = months.length > 0;
  // Independent reads (side by side on the server engine's pool): the partial days from the
  // complaints, one call per span (a call over several would scan the months between them); the whole
  // months from the rollups, less what "now" has not reached; the handling-time histogram.
  const [rawPieces, sums, corrections, durations, rawDurations] = await Promise.all([
    // A piece's median is needed only when its period has no whole month (else the histogram gives it).
    Promise.all(
      pieces.map(({ b, i }) =>
        aggregateStatsRaw(db, {
          scope,
          area,
          periods: [b],
          now,
          groupBy,
          medians: groupBy === 'none' && splits[i]!.months.length === 0,
        }),
      ),
    ),
    withMonths ? sumStatsRollups(db, { areaCode: area.code, months, groupBy }) : [],
    withMonths
      ? listDeadlineCorrections(db, { scope, area, blocks: blocks.map((x) => x.b), now, groupBy })
      : [],
    withMonths && groupBy === 'none' ? listDurationBuckets(db, { areaCode: area.code, months }) : [],
    groupBy === 'none'
      ? Promise.all(mixed.map(({ b }) => listRawDurationBuckets(db, { scope, area, span: b })))
      : [],
  ]);

  const rawMedians = new Map<number, number | null>();
  rawPieces.forEach((raw, k) => {
    const i = pieces[k]!.i;
    for (const [g, [c]] of raw) {
      const into = slot(g, i);
      for (const m of ROLLUP_COUNTS) into[m] += c![m];
      into.handlingSumDays += c!.handlingSumDays;
      // exact when the period has no whole month (then it is one partial span)
      if (g === '' && splits[i]!.months.length === 0) rawMedians.set(i, c!.handlingMedianDays);
    }
  });
  for (const row of sums) {
    const into = slot(row.g, monthIndex.get(row.month)!);
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

  if (groupBy === 'none') {
    const buckets: DurationBucket[][] = periods.map(() => []);
    for (const b of durations) buckets[monthIndex.get(b.month)!]!.push(b);
    rawDurations.forEach((list, k) => {
      for (const bucket of list) buckets[mixed[k]!.i]!.push(bucket);
    });
    periods.forEach((_, i) => {
      const median =
        splits[i]!.months.length === 0 ? (rawMedians.get(i) ?? null) : medianDaysFromHistogram(buckets[i]!);
      if (median !== null || result.has('')) slot('', i).handlingMedianDays = median;
    });
  }
  return result;
}
