import { notFound } from 'next/navigation';
import { StatsDashboard } from '@/components/stats/stats-dashboard';
import { getDb } from '@/db/client';
import { requirePage } from '@/lib/auth/require-page.server';
import { AppError } from '@/lib/http/errors';
import { getStatsDashboard } from '@/lib/stats/get-stats-dashboard.server';
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
    const data = await getStatsDashboard(await getDb(), user, state, now);
    return <StatsDashboard data={data} state={{ ...state, area: data.indicators.area.code }} />;
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') notFound();
    throw error;
  }
}
