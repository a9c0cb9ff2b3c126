import 'server-only';
import type { DbOrTx } from '@/db/client';
import {
  type AreaRef,
  aggregateStatsRaw,
  type Bounds,
  type PeriodCounts,
  type StatsGroupBy,
  type Viewer,
} from '@/db/queries/stats';

/** Where the statistics are read from: the rollups (default) or the complaints themselves. */
export type StatsSource = 'rollup' | 'raw';

/**
 * Every counted quantity of definitions.ts for each period (non-overlapping), grouped by office,
 * level-1 category or not at all. `source: 'raw'` aggregates the complaints (the reference).
 */
export async function aggregateStats(
  db: DbOrTx,
  params: {
    viewer: Viewer;
    area: AreaRef;
    periods: readonly Bounds[];
    now: Date;
    groupBy: StatsGroupBy;
    source?: StatsSource;
  },
): Promise<Map<string, PeriodCounts[]>> {
  return aggregateStatsRaw(db, params);
}
