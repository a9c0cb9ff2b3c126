/**
 * The contract of the hot-spot workspace: the setup the /hotspots page hands the client and the
 * responses of `GET /api/analytics/{hotspots,emerging,clusters,cell-complaints}`, shared by the verbs,
 * the routes and the browser. Pure (types only); the row types come from the queries that produce them.
 */
import type { FeatureCollection, Geometry, Polygon } from 'geojson';
import type { DbscanCluster } from '@/db/queries/clusters';
import type { CellComplaintRow, ComplaintFilter, DivisionOption } from '@/db/queries/hotspots';
import type { TopCategory } from '@/db/queries/map-panels';
import type { BandChoice } from './distance-band';
import type { Pattern } from './emerging';

export type { CellComplaintRow, DivisionOption };

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

/** One cell of a Gi* analysis (computeHotspots). */
export interface HotspotCell {
  i: number;
  j: number;
  count: number;
  z: number;
  p: number;
  bin: number;
  neighbours: number;
  geometry: Polygon;
}

export interface HotspotResult {
  parameters: {
    divisionCode: string;
    crs: string;
    cellSize: number;
    shape: 'square' | 'hexagon';
    distanceBand: number;
    distanceBandMethod: BandChoice['method'] | 'given';
    bandProfile: BandChoice['profile'];
    neighboursPerCell: { min: number; mean: number; max: number };
    fdr: boolean;
    criticalP: { p90: number; p95: number; p99: number };
    cells: number;
    complaints: number;
    filter: ComplaintFilter;
  };
  cells: HotspotCell[];
}

/** Emerging hot spots (computeEmergingHotspots): each cell's pattern and monthly series. */
export interface EmergingResult {
  parameters: {
    divisionCode: string;
    crs: string;
    cellSize: number;
    steps: string[];
    timeWindow: number;
    distanceBand: number;
    fdr: boolean;
    cells: number;
    patternCounts: Partial<Record<Pattern, number>>;
  };
  cells: {
    i: number;
    j: number;
    pattern: Pattern;
    counts: number[];
    z: number[];
    bins: number[];
    trend: { z: number; p: number };
    geometry: Polygon;
  }[];
}

/** A cell's properties in `GET /api/analytics/hotspots`. */
export type GiCell = Omit<HotspotCell, 'geometry'>;

/** `GET /api/analytics/hotspots` (GeoJSON; the parameters as a foreign member). The browser reads `Json<GiResponse>`. */
export type GiResponse = FeatureCollection<Polygon, GiCell> & { parameters: HotspotResult['parameters'] };

/** A cell's properties in `GET /api/analytics/emerging`. */
export type EmergingCell = Omit<EmergingResult['cells'][number], 'geometry'>;

/** `GET /api/analytics/emerging` (GeoJSON; the parameters as a foreign member). */
export type EmergingResponse = FeatureCollection<Polygon, EmergingCell> & {
  parameters: EmergingResult['parameters'];
};

/** `GET /api/analytics/cell-complaints`: the complaints behind one cell. */
export interface CellComplaints {
  complaints: CellComplaintRow[];
}
