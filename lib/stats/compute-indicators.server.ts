import 'server-only';
import type { DbOrTx } from '@/db/client';
import type { AuthUser } from '@/lib/auth/types';
import { AppError } from '@/lib/http/errors';
import { aggregateStats, type StatsSource } from './aggregate-stats.server';
import { allIndicatorValues, emptyCounts } from './indicator-values';
import { comparisonPeriod, type Period, period } from './period';
import { resolveStatsArea } from './resolve-stats-area.server';
import type { IndicatorsResult } from './stats.types';

/** Parse a `from`–`to` pair of CST dates into a period, as a VALIDATION error when malformed. */
export function parsePeriod(from: string, to: string): Period {
  try {
    return period(from, to);
  } catch {
    throw new AppError('VALIDATION', 'Bad period', [{ path: 'from', message: 'bad_period' }]);
  }
}

/**
 * Every indicator of definitions.ts for an area and period, with the period it is compared with
 * (`comparisonPeriod`: the previous one of equal length, or its same days while this one runs) and the change. Scoped by the viewer's jurisdiction; misconduct reports excluded.
 */
export async function computeIndicators(
  db: DbOrTx,
  user: AuthUser,
  params: { areaCode?: string | null; from: string; to: string; now?: Date; source?: StatsSource },
): Promise<IndicatorsResult> {
  const area = await resolveStatsArea(db, user, params.areaCode);
  const current = parsePeriod(params.from, params.to);
  const now = params.now ?? new Date();
  const previous = comparisonPeriod(current, now);
  const counts = await aggregateStats(db, {
    viewer: user,
    area,
    periods: [current, previous],
    now,
    groupBy: 'none',
    source: params.source,
  });
  const [cur, prev] = counts.get('') ?? [emptyCounts(), emptyCounts()];
  return {
    area,
    period: current,
    previous,
    now: now.toISOString(),
    indicators: allIndicatorValues(cur!, prev!),
  };
}
