/** Client fetchers for the hot-spot and clue endpoints. */
import type { Feature, Geometry } from 'geojson';
import type { FindingReport } from '@/lib/clues/clues.types';
import type {
  CellComplaints,
  ClusterResponse,
  EmergingResponse,
  GiResponse,
} from '@/lib/hotspots/hotspots.types';
import type { Json } from '@/lib/http/json.types';
import { getJson } from './api-client';

export const toQuery = (params: Record<string, string | number | boolean | undefined>) =>
  new URLSearchParams(
    Object.entries(params)
      .filter(([, v]) => v !== undefined && v !== '')
      .map(([k, v]) => [k, String(v)]),
  ).toString();

export const fetchGi = (q: string) => getJson<Json<GiResponse>>(`/api/analytics/hotspots?${q}`);
export const fetchEmerging = (q: string) => getJson<EmergingResponse>(`/api/analytics/emerging?${q}`);
export const fetchClusters = (q: string) => getJson<ClusterResponse>(`/api/analytics/clusters?${q}`);
export const fetchCellComplaints = (q: string) =>
  getJson<CellComplaints>(`/api/analytics/cell-complaints?${q}`);
export const fetchFindings = (q: string) => getJson<Json<FindingReport>>(`/api/clues/findings?${q}`);

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
