import 'server-only';
import type { DbOrTx } from '@/db/client';
import { type ComplaintFilter, listDbscanClusters } from '@/db/queries/hotspots';
import { complaintScope } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { resolveAnalysisArea } from './analysis-area';
import type { ClusterResponse } from './hotspots.types';

export interface ClusterRequest {
  divisionCode?: string;
  /** DBSCAN neighbourhood distance, metres. */
  epsM: number;
  /** Minimum complaints for a core point (the cluster's minimum size). */
  minPoints: number;
  filter: ComplaintFilter;
}

/** DBSCAN point clusters of complaints (PostGIS ST_ClusterDBSCAN), largest first. */
export async function listClusters(
  db: DbOrTx,
  user: AuthUser,
  request: ClusterRequest,
): Promise<ClusterResponse> {
  const divisionCode = resolveAnalysisArea(user, request.divisionCode);
  const clusters = await listDbscanClusters(db, {
    divisionCode,
    epsM: request.epsM,
    minPoints: request.minPoints,
    filter: request.filter,
    scope: complaintScope(user),
    limit: 200,
  });
  return {
    parameters: { divisionCode, epsM: request.epsM, minPoints: request.minPoints, filter: request.filter },
    clusters: clusters.map((c) => ({ ...c, hull: JSON.parse(c.hull) as GeoJSON.Geometry })),
  };
}
