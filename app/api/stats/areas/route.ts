import { connection } from 'next/server';
import { getDb } from '@/db/client';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { toErrorResponse } from '@/lib/http/errors';
import { searchParamsOf } from '@/lib/map/params';
import { areasQuery } from '@/lib/stats/api-params';
import { listStatsAreaChildren } from '@/lib/stats/resolve-stats-area.server';

/** GET ?parent → the area (default: the viewer's division) and the divisions directly below it (the area picker). */
export async function GET(request: Request) {
  await connection();
  try {
    const q = areasQuery.parse(searchParamsOf(request));
    const user = await requireCurrentUser();
    return Response.json(await listStatsAreaChildren(await getDb(), user, q.parent), {
      headers: { 'cache-control': 'no-store' },
    });
  } catch (error) {
    return toErrorResponse(error);
  }
}
