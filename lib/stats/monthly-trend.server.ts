import 'server-only';
import type { DbOrTx } from '@/db/client';
import type { AuthUser } from '@/lib/auth/types';
import { AppError } from '@/lib/http/errors';
import { aggregateStats, type StatsSource } from './aggregate-stats.server';
import { INDICATORS, type IndicatorId } from './definitions';
import { emptyCounts, type Figure, figureOf } from './indicator-values';
import { cstMonth, isIsoMonth, monthsEndingWith } from './period';
import { resolveStatsArea } from './resolve-stats-area.server';
import type { MonthlyTrend } from './stats.types';

/** Every indicator for each of `count` (default 12) calendar months ending with `lastMonth` (default: this month, CST). */
export async function computeMonthlyTrend(
  db: DbOrTx,
  user: AuthUser,
  params: {
    areaCode?: string | null;
    lastMonth?: string | null;
    count?: number;
    now?: Date;
    source?: StatsSource;
  },
): Promise<MonthlyTrend> {
  const area = await resolveStatsArea(db, user, params.areaCode);
  const now = params.now ?? new Date();
  const last = params.lastMonth || cstMonth(now);
  if (!isIsoMonth(last)) {
    throw new AppError('VALIDATION', 'Bad month', [{ path: 'month', message: 'bad_month' }]);
  }
  const count = Math.min(Math.max(params.count ?? 12, 1), 36);
  const periods = monthsEndingWith(last, count);
  const counts =
    (
      await aggregateStats(db, { viewer: user, area, periods, now, groupBy: 'none', source: params.source })
    ).get('') ?? periods.map(emptyCounts);
  const series = Object.fromEntries(
    INDICATORS.map((d) => [d.id, counts.map((c) => figureOf(d.id, c))]),
  ) as Record<IndicatorId, Figure[]>;
  return { area, months: periods.map((p) => p.from.slice(0, 7)), series };
}
