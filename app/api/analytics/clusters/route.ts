import { clusterQuery, filterOf } from '@/lib/hotspots/hotspot-params';
import { listClusters } from '@/lib/hotspots/list-clusters.server';
import { route } from '@/lib/http/route.server';

/** DBSCAN clusters of complaints with their dominant categories, buildings and facilities. */
export const GET = route(
  { auth: 'session', query: clusterQuery, queryBeforeAuth: true, cacheControl: 'no-store' },
  ({ db, user, query: q }) =>
    listClusters(db, user, {
      divisionCode: q.division,
      epsM: q.eps,
      minPoints: q.minPoints,
      filter: filterOf(q),
    }),
);
