/**
 * The contract of the hot-spot workspace: the setup the /hotspots page hands the client and the
 * response of `GET /api/analytics/clusters`, shared by the verbs, the route and the browser. Pure
 * (types only); the row types come from the queries that produce them.
 */
import type { Geometry } from 'geojson';
import type { DbscanCluster } from '@/db/queries/clusters';
import type { ComplaintFilter, DivisionOption } from '@/db/queries/hotspots';
import type { TopCategory } from '@/db/queries/map-panels';

export type { DivisionOption };

/** What the hot-spot workspace needs first: areas to analyse, categories, the default view. */
export interface AnalysisSetup {
  divisionCode: string;
  divisions: DivisionOption[];
  categories: TopCategory[];
  bounds: [number, number, number, number] | null;
  canManageClues: boolean;
}

/** One DBSCAN cluster as the API sends it: the query's row with its hull parsed into GeoJSON. */
export type Cluster = Omit<DbscanCluster, 'hull'> & { hull: Geometry };

/** `GET /api/analytics/clusters`. */
export interface ClusterResponse {
  parameters: { divisionCode: string; epsM: number; minPoints: number; filter: ComplaintFilter };
  clusters: Cluster[];
}
