/** Client fetchers for the map endpoints (TanStack Query keys and functions). */
import type { FeatureCollection } from 'geojson';
import type { FacilityPanel } from '@/lib/map/facility-panel.types';
import type { HomeMapPoints } from '@/lib/map/map.types';
import { getJson } from './api-client';

export type AreaLevel = 'county' | 'town' | 'village';
export type BboxTuple = [number, number, number, number];

export const areasQuery = (level: AreaLevel) => ({
  queryKey: ['map', 'areas', level] as const,
  queryFn: () => getJson<FeatureCollection>(`/api/map/areas?level=${level}`),
  staleTime: 10 * 60_000,
});

export const gridsQuery = (bbox: BboxTuple | null) => ({
  queryKey: ['map', 'grids', bbox] as const,
  queryFn: () => getJson<FeatureCollection>(`/api/map/grids?bbox=${bbox!.join(',')}`),
  enabled: bbox !== null,
  staleTime: 5 * 60_000,
});

export const complaintPointsQuery = (bbox: BboxTuple) => ({
  queryKey: ['map', 'complaints', bbox] as const,
  queryFn: () => getJson<HomeMapPoints>(`/api/map/complaints?bbox=${bbox.join(',')}`),
  staleTime: 30_000,
});

/** A facility's panel (office, 12-month counts by category, buildings, recent complaints). */
export const facilityPanelQuery = (id: number) => ({
  queryKey: ['map', 'facility', id] as const,
  queryFn: () => getJson<FacilityPanel>(`/api/map/facilities/${id}`),
});

/** The few facts of one complaint a map tooltip shows (the caller's jurisdiction; 404 outside it). */
export interface ComplaintGlance {
  id: number;
  trackingCode: string;
  title: string;
  status: string;
}

export const complaintGlanceQuery = (id: number | null) => ({
  queryKey: ['complaint', 'glance', id] as const,
  queryFn: async (): Promise<ComplaintGlance> =>
    (await getJson<{ complaint: ComplaintGlance }>(`/api/complaints/${id}`)).complaint,
  enabled: id !== null,
  staleTime: 5 * 60_000,
});

/** 每万人诉求量 of the caller's division, villages included (the /map choropleth; stats.read roles only). */
export const perCapitaMapQuery = (enabled: boolean) => ({
  queryKey: ['stats', 'per-capita', 'map'] as const,
  queryFn: () => getJson<import('@/lib/stats/per-capita-types').PerCapitaResponse>('/api/stats/per-capita'),
  enabled,
  staleTime: 5 * 60_000,
});
