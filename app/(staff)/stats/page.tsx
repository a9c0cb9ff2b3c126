import { notFound } from 'next/navigation';
import { StatsDashboard } from '@/components/stats/stats-dashboard';
import { getDb } from '@/db/client';
import { requirePage } from '@/lib/auth/require-page.server';
import { AppError } from '@/lib/http/errors';
import { getPerCapita } from '@/lib/stats/get-per-capita.server';
import { getStatsDashboard } from '@/lib/stats/get-stats-dashboard.server';
import { lastYearDays } from '@/lib/stats/period';
import { parseStatsState } from '@/lib/stats/url-state';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const single = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** 统计分析: the leader dashboard for an area and period (inspectors and leaders); all filters in the URL. */
export default async function StatsPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePage('stats');
  const sp = await searchParams;
  const now = new Date();
  const state = parseStatsState((k) => single(sp[k]), now);
  try {
    const db = await getDb();
    const data = await getStatsDashboard(db, user, state, now);
    // Per-capita rates and silent areas over the last 12 months (a month is too few complaints to judge silence).
    const perCapita = await getPerCapita(db, user, {
      areaCode: data.indicators.area.code,
      ...lastYearDays(now),
    });
    return (
      <StatsDashboard
        data={data}
        state={{ ...state, area: data.indicators.area.code }}
        perCapita={perCapita}
      />
    );
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') notFound();
    throw error;
  }
}
