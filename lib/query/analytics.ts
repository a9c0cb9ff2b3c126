/** Client fetchers for the hot-spot and clue endpoints. */
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { ClusterResponse } from '@/lib/hotspots/hotspots.types';
import { getJson } from './api-client';

export interface GiParameters {
  divisionCode: string;
  crs: string;
  cellSize: number;
  shape: 'square' | 'hexagon';
  distanceBand: number;
  distanceBandMethod: string;
  neighboursPerCell: { min: number; mean: number; max: number };
  fdr: boolean;
  criticalP: { p90: number; p95: number; p99: number };
  cells: number;
  complaints: number;
}

export type GiCell = {
  i: number;
  j: number;
  count: number;
  z: number;
  p: number;
  bin: number;
  neighbours: number;
};
export type GiResponse = FeatureCollection<Geometry, GiCell> & { parameters: GiParameters };

export type EmergingCell = {
  i: number;
  j: number;
  pattern: string;
  counts: number[];
  z: number[];
  bins: number[];
  trend: { z: number; p: number };
};
export type EmergingResponse = FeatureCollection<Geometry, EmergingCell> & {
  parameters: {
    steps: string[];
    cellSize: number;
    distanceBand: number;
    timeWindow: number;
    patternCounts: Record<string, number>;
    cells: number;
  };
};

export interface FindingDto {
  key: string;
  kind: string;
  score: number;
  officeName: string;
  title: { zh: string; en: string };
  why: { zh: string; en: string };
  facilityIds: number[];
  evidence: Record<string, unknown>;
}

export interface CellComplaint {
  id: number;
  trackingCode: string;
  title: string;
  category: string | null;
  status: string;
  submittedAt: string;
}

export const toQuery = (params: Record<string, string | number | boolean | undefined>) =>
  new URLSearchParams(
    Object.entries(params)
      .filter(([, v]) => v !== undefined && v !== '')
      .map(([k, v]) => [k, String(v)]),
  ).toString();

export const fetchGi = (q: string) => getJson<GiResponse>(`/api/analytics/hotspots?${q}`);
export const fetchEmerging = (q: string) => getJson<EmergingResponse>(`/api/analytics/emerging?${q}`);
export const fetchClusters = (q: string) => getJson<ClusterResponse>(`/api/analytics/clusters?${q}`);
export const fetchCellComplaints = (q: string) =>
  getJson<{ complaints: CellComplaint[] }>(`/api/analytics/cell-complaints?${q}`);
export interface FindingParameters {
  from: string;
  to: string;
  /** The facility test's thresholds in force and how many groups it tested. */
  facilityTest: {
    windowMonths: number;
    q: number;
    minFacilities: number;
    minPerFacility: number;
    minComplaints: number;
    minRatio: number;
    sparseBelow: number;
    tested: number;
  };
}

export const fetchFindings = (q: string) =>
  getJson<{ parameters: FindingParameters; findings: FindingDto[] }>(`/api/clues/findings?${q}`);

/**
 * Query options of the hot-spot workspace. Keys are built from the request's query string only,
 * which lib/hotspots/url-state.ts derives from URL state (never from a clock read at render), so a
 * key changes exactly when the analysis does. Results are kept for the session's tabs.
 */
const ANALYSIS_STALE_MS = 10 * 60_000;
export const hotspotQueries = {
  gi: (q: string) => ({
    queryKey: ['hotspots', 'gi', q] as const,
    queryFn: () => fetchGi(q),
    staleTime: ANALYSIS_STALE_MS,
  }),
  emerging: (q: string) => ({
    queryKey: ['hotspots', 'emerging', q] as const,
    queryFn: () => fetchEmerging(q),
    staleTime: ANALYSIS_STALE_MS,
  }),
  clusters: (q: string) => ({
    queryKey: ['hotspots', 'clusters', q] as const,
    queryFn: () => fetchClusters(q),
    staleTime: ANALYSIS_STALE_MS,
  }),
  /** Cross-check findings over the settings' window (the server resolves it; the answer carries it). */
  findings: () => ({
    queryKey: ['clues', 'findings'] as const,
    queryFn: () => fetchFindings(''),
    staleTime: ANALYSIS_STALE_MS,
  }),
  /** Gi* of the statistics page's small map (its own key: a shorter cache than the workspace's). */
  statsGi: (q: string) => ({
    queryKey: ['stats-gi', q] as const,
    queryFn: () => fetchGi(q),
    staleTime: 60_000,
  }),
  cellComplaints: (giQuery: string, cell: { i: number; j: number }) => ({
    queryKey: ['hotspots', 'cell', giQuery, cell.i, cell.j] as const,
    queryFn: () => fetchCellComplaints(`${giQuery}&i=${cell.i}&j=${cell.j}`),
    staleTime: ANALYSIS_STALE_MS,
  }),
};

export type CellFeature = Feature<Geometry, { i: number; j: number }>;
