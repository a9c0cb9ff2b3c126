import { connection } from 'next/server';
import { getDb } from '@/db/client';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { toErrorResponse } from '@/lib/http/errors';
import { searchParamsOf } from '@/lib/map/params';
import { periodQuery } from '@/lib/stats/api-params';
import { computeIndicators } from '@/lib/stats/compute-indicators.server';

/** GET ?area&month | from&to → every indicator with its previous period and change (inspectors, leaders). */
export async function GET(request: Request) {
  await connection();
  try {
    const q = periodQuery.parse(searchParamsOf(request));
    const user = await requireCurrentUser();
    return Response.json(await computeIndicators(await getDb(), user, q), {
      headers: { 'cache-control': 'no-store' },
    });
  } catch (error) {
    return toErrorResponse(error);
  }
}
