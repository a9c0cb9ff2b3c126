/** Client fetchers for the hot-spot and clue endpoints. */
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { getJson } from './map';

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

export interface ClusterResponse {
  parameters: { epsM: number; minPoints: number };
  clusters: {
    cluster: number;
    count: number;
    lng: number;
    lat: number;
    radiusM: number;
    categories: { code: string; name: string; count: number }[];
    buildings: { id: number; address: string; count: number }[];
    facilities: { id: number; name: string; kind: string; count: number }[];
    hull: Geometry;
  }[];
}

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

export interface ClueDto {
  id: number;
  code: string;
  kind: string;
  title: string;
  summary: string;
  score: number;
  status: 'new' | 'verifying' | 'filed' | 'dismissed';
  suspectedOfficeName: string | null;
  complaints: number;
  createdAt: string;
}

export interface ClueDetailDto extends ClueDto {
  notes: {
    id: number;
    author: string | null;
    fromStatus: string | null;
    toStatus: string | null;
    note: string;
    createdAt: string;
  }[];
  complaintIds: number[];
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
export const fetchFindings = (q: string) =>
  getJson<{ parameters: { from: string; to: string }; findings: FindingDto[] }>(`/api/clues/findings?${q}`);
export const fetchClues = () => getJson<{ clues: ClueDto[] }>('/api/clues');
export const fetchClue = (id: number) => getJson<ClueDetailDto>(`/api/clues/${id}`);

/** POST JSON; throws with the API's message on a 4xx/5xx. */
export async function postJson<T>(url: string, body: unknown): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const data = (await response.json().catch(() => null)) as (T & { error?: { message?: string } }) | null;
  if (!response.ok) throw new Error(data?.error?.message ?? `${response.status}`);
  return data as T;
}

export type CellFeature = Feature<Geometry, { i: number; j: number }>;
