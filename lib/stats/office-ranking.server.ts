import 'server-only';
import type { DbOrTx } from '@/db/client';
import { listOfficeNames } from '@/db/queries/stats';
import type { AuthUser } from '@/lib/auth/types';
import { aggregateStats, type StatsSource } from './aggregate-stats.server';
import { parsePeriod } from './compute-indicators.server';
import { figureOf } from './indicator-values';
import { resolveStatsArea } from './resolve-stats-area.server';
import type { OfficeRanking } from './stats.types';

/**
 * Indicators by current first-responsible office (definitions.ts OFFICE_RANKING_DEFINITION), ranked
 * by on-time resolution rate (no data last), then volume. Cases without an office are left out.
 */
export async function computeOfficeRanking(
  db: DbOrTx,
  user: AuthUser,
  params: { areaCode?: string | null; from: string; to: string; now?: Date; source?: StatsSource },
): Promise<OfficeRanking> {
  const area = await resolveStatsArea(db, user, params.areaCode);
  const current = parsePeriod(params.from, params.to);
  const now = params.now ?? new Date();
  const grouped = await aggregateStats(db, {
    viewer: user,
    area,
    periods: [current],
    now,
    groupBy: 'office',
    source: params.source,
  });
  grouped.delete('');
  const offices = new Map((await listOfficeNames(db, [...grouped.keys()].map(Number))).map((o) => [o.id, o]));
  const rows = [...grouped.entries()]
    .map(([id, [c]]) => {
      const office = offices.get(Number(id));
      return {
        rank: 0,
        officeId: Number(id),
        officeName: office?.name ?? `#${id}`,
        tier: office?.tier ?? '',
        volume: c!.volume,
        resolved: c!.resolved,
        onTimeRate: figureOf('on_time', c!).value,
        firstReplyRate: figureOf('first_reply', c!).value,
        satisfactionRate: figureOf('satisfaction', c!).value,
        avgHandlingDays: figureOf('handling_avg', c!).value,
        overdue: c!.overdue,
        lettersIssued: c!.lettersIssued,
        counts: c!,
      };
    })
    .filter((r) => r.volume + r.resolved + r.counts.onTimeDen + r.counts.replyDen + r.counts.ratingDen > 0)
    .sort(
      (a, b) =>
        (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) ||
        b.volume - a.volume ||
        a.officeName.localeCompare(b.officeName, 'zh-CN'),
    )
    .map((r, i) => ({ ...r, rank: i + 1 }));
  return { area, period: current, rows };
}
