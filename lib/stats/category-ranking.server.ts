import 'server-only';
import type { DbOrTx } from '@/db/client';
import { listLevel1Categories } from '@/db/queries/stats';
import type { AuthUser } from '@/lib/auth/types';
import { aggregateStats, type StatsSource } from './aggregate-stats.server';
import { parsePeriod } from './compute-indicators.server';
import { changeOf, emptyCounts, figureOf } from './indicator-values';
import { comparisonPeriod } from './period';
import { resolveStatsArea } from './resolve-stats-area.server';
import type { CategoryRanking } from './stats.types';

/** 问题类型排名 (definitions.ts CATEGORY_RANKING_DEFINITION): level-1 categories by volume, most first. */
export async function computeCategoryRanking(
  db: DbOrTx,
  user: AuthUser,
  params: { areaCode?: string | null; from: string; to: string; now?: Date; source?: StatsSource },
): Promise<CategoryRanking> {
  const area = await resolveStatsArea(db, user, params.areaCode);
  const current = parsePeriod(params.from, params.to);
  const now = params.now ?? new Date();
  const previous = comparisonPeriod(current, now);
  const [grouped, categories] = [
    await aggregateStats(db, {
      viewer: user,
      area,
      periods: [current, previous],
      now,
      groupBy: 'category',
      source: params.source,
    }),
    await listLevel1Categories(db),
  ];
  const byCode = new Map(categories.map((c) => [c.code, c]));
  let total = 0;
  for (const [, [cur]] of grouped) total += cur!.volume;
  const rows = [...grouped.entries()]
    .map(([code, [cur = emptyCounts(), prev = emptyCounts()]]) => {
      const cat = byCode.get(code);
      return {
        rank: 0,
        code,
        nameZh: cat?.nameZh ?? '未分类',
        nameEn: cat?.nameEn ?? 'Uncategorised',
        color: cat?.color ?? '#8c8c8c',
        count: cur.volume,
        share: total > 0 ? (cur.volume / total) * 100 : 0,
        previousCount: prev.volume,
        change: changeOf(cur.volume, prev.volume),
        onTimeRate: figureOf('on_time', cur).value,
        satisfactionRate: figureOf('satisfaction', cur).value,
      };
    })
    .filter((r) => r.count > 0 || r.previousCount > 0)
    .sort((a, b) => b.count - a.count || b.previousCount - a.previousCount || a.code.localeCompare(b.code))
    .map((r, i) => ({ ...r, rank: i + 1 }));
  return { area, period: current, previous, total, rows };
}
