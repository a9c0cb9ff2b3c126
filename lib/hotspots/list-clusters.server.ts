import 'server-only';
import type { DbOrTx } from '@/db/client';
import { listClusterDetails, listClusterPoints, listPostgisDbscanClusters } from '@/db/queries/clusters';
import type { ComplaintFilter } from '@/db/queries/hotspots';
import { complaintScope } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { resolveAnalysisArea } from './analysis-area';
import { dbscan } from './dbscan';
import type { ClusterResponse } from './hotspots.types';

/** How many clusters an answer lists (the largest). */
const CLUSTER_LIMIT = 200;

export interface ClusterRequest {
  divisionCode?: string;
  /** DBSCAN neighbourhood distance, metres. */
  epsM: number;
  /** Minimum complaints for a core point (the cluster's minimum size). */
  minPoints: number;
  filter: ComplaintFilter;
  /**
   * `grid` (default): the window's points fetched once and clustered in-process on a grid index
   * (`dbscan.ts`); `postgis`: `ST_ClusterDBSCAN` in the database, the same clusters, slower (tests, bench).
   */
  engine?: 'grid' | 'postgis';
}

/**
 * DBSCAN point clusters of complaints (in EPSG:4543 metres, input in complaint-id order), largest
 * first, ties by label; labels number clusters by their first complaint id.
 */
export async function listClusters(
  db: DbOrTx,
  user: AuthUser,
  request: ClusterRequest,
): Promise<ClusterResponse> {
  const divisionCode = resolveAnalysisArea(user, request.divisionCode);
  const window = { divisionCode, filter: request.filter, scope: complaintScope(user) };
  const rows =
    request.engine === 'postgis'
      ? await listPostgisDbscanClusters(db, {
          ...window,
          epsM: request.epsM,
          minPoints: request.minPoints,
          limit: CLUSTER_LIMIT,
        })
      : await listClusterDetails(db, await clusterMembers(db, window, request));
  return {
    parameters: { divisionCode, epsM: request.epsM, minPoints: request.minPoints, filter: request.filter },
    clusters: rows.map((c) => ({ ...c, hull: JSON.parse(c.hull) as GeoJSON.Geometry })),
  };
}

/** The complaints of the `CLUSTER_LIMIT` largest clusters, with their labels. */
async function clusterMembers(
  db: DbOrTx,
  window: Parameters<typeof listClusterPoints>[1],
  request: ClusterRequest,
): Promise<{ ids: number[]; clusters: number[] }> {
  const points = await listClusterPoints(db, window);
  const { labels, clusters } = await dbscan(points.xs, points.ys, request.epsM, request.minPoints);
  const sizes = new Int32Array(clusters);
  for (const label of labels) if (label >= 0) sizes[label]!++;
  const chosen = new Uint8Array(clusters);
  const byCount = Array.from({ length: clusters }, (_, label) => label).sort(
    (a, b) => sizes[b]! - sizes[a]! || a - b,
  );
  for (const label of byCount.slice(0, CLUSTER_LIMIT)) chosen[label] = 1;
  const ids: number[] = [];
  const members: number[] = [];
  for (let p = 0; p < labels.length; p++) {
    const label = labels[p]!;
    if (label >= 0 && chosen[label]) {
      ids.push(points.ids[p]!);
      members.push(label);
    }
  }
  return { ids, clusters: members };
}
