import { connection } from 'next/server';
import { getDb } from '@/db/client';
import { listAlertsQuery } from '@/lib/alerts/alert-types';
import { listAlerts } from '@/lib/alerts/list-alerts.server';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { toErrorResponse } from '@/lib/http/errors';
import { searchParamsOf } from '@/lib/map/params';

/**
 * GET ?state=open|all&limit= → the surge alerts (事前预警) of the caller's division and below, each
 * with its area, category, observed vs expected, limit, start, complaints and one sentence.
 * Recomputed first when complaints arrived since the last run.
 */
export async function GET(request: Request) {
  await connection();
  try {
    const user = await requireCurrentUser();
    const query = listAlertsQuery.parse(searchParamsOf(request));
    const body = await listAlerts(await getDb(), user, query);
    return Response.json(body, { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    return toErrorResponse(error);
  }
}
