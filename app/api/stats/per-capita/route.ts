import { connection } from 'next/server';
import { getDb } from '@/db/client';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { toErrorResponse } from '@/lib/http/errors';
import { searchParamsOf } from '@/lib/map/params';
import { getPerCapita } from '@/lib/stats/get-per-capita.server';
import { perCapitaQuery } from '@/lib/stats/per-capita-types';
import { lastYearDays } from '@/lib/stats/period';

/**
 * GET ?area=&from=&to= → 每万人诉求量 for the area and its children (residents of the person registry)
 * and its silent villages and grids (inspectors, leaders). Default period: the last 12 months.
 */
export async function GET(request: Request) {
  await connection();
  try {
    const user = await requireCurrentUser();
    const q = perCapitaQuery.parse(searchParamsOf(request));
    const d = lastYearDays(new Date());
    const body = await getPerCapita(await getDb(), user, {
      areaCode: q.area,
      from: q.from ?? d.from,
      to: q.to ?? d.to,
    });
    return Response.json(body, { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    return toErrorResponse(error);
  }
}
