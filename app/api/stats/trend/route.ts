import { route } from '@/lib/http/route.server';
import { trendQuery } from '@/lib/stats/api-params';
import { computeMonthlyTrend } from '@/lib/stats/monthly-trend.server';

/** GET ?area&month&count → every indicator month by month, `count` (12) months ending with `month`. */
export const GET = route(
  { auth: 'session', query: trendQuery, queryBeforeAuth: true, cacheControl: 'no-store' },
  ({ db, user, query: q }) =>
    computeMonthlyTrend(db, user, { areaCode: q.area, lastMonth: q.month, count: q.count }),
);
