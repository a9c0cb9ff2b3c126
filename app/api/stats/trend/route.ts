import { connection } from 'next/server';
import { getDb } from '@/db/client';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { toErrorResponse } from '@/lib/http/errors';
import { searchParamsOf } from '@/lib/map/params';
import { trendQuery } from '@/lib/stats/api-params';
import { computeMonthlyTrend } from '@/lib/stats/monthly-trend.server';

/** GET ?area&month&count → every indicator month by month, `count` (12) months ending with `month`. */
export async function GET(request: Request) {
  await connection();
  try {
    const q = trendQuery.parse(searchParamsOf(request));
    const user = await requireCurrentUser();
    const trend = await computeMonthlyTrend(await getDb(), user, {
      areaCode: q.area,
      lastMonth: q.month,
      count: q.count,
    });
    return Response.json(trend, { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    return toErrorResponse(error);
  }
}
