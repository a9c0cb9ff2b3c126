import { getDb } from '@/db/client';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { clusterQuery, filterOf } from '@/lib/hotspots/hotspot-params';
import { listClusters } from '@/lib/hotspots/list-clusters.server';
import { toErrorResponse } from '@/lib/http/errors';
import { searchParamsOf } from '@/lib/map/params';

/** DBSCAN clusters of complaints with their dominant categories, buildings and facilities. */
export async function GET(request: Request) {
  try {
    const q = clusterQuery.parse(searchParamsOf(request));
    const user = await requireCurrentUser();
    const result = await listClusters(await getDb(), user, {
      divisionCode: q.division,
      epsM: q.eps,
      minPoints: q.minPoints,
      filter: filterOf(q),
    });
    return Response.json(result, { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    return toErrorResponse(error);
  }
}
