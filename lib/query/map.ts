/** Client fetchers for the map endpoints (TanStack Query keys and functions). */
import type { FeatureCollection } from 'geojson';
import type { FacilityPanel } from '@/lib/map/facility-panel.types';
import type { Hexagons } from '@/lib/map/hexagons';
import type {
  AreaSummary,
  BuildingPanel,
  BuildingSearch,
  HomeMapPoints,
  MapBuildings,
  MapCells,
  MapFacilities,
  MapPoints,
  SelectionSummary,
} from '@/lib/map/map.types';
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

/*
 * The staff map's reads of the view (/map). Keys hold the view's bbox, a rounded zoom and the
 * filter query from the URL state (lib/map/url-state.ts), never a clock; the caller adds `enabled`
 * (its layer is on and the zoom fits) and `placeholderData`. `view` null: nothing to read yet.
 */
type View = { bbox: BboxTuple; zoom: number } | null;
const bboxParam = (view: View) => view!.bbox.join(',');

export const staffMapQueries = {
  cells: (view: View, filterQuery: string) => ({
    queryKey: ['map', 'cells', view?.bbox, Math.round((view?.zoom ?? 9) * 2) / 2, filterQuery] as const,
    queryFn: () =>
      getJson<MapCells>(
        `/api/map/cells?bbox=${bboxParam(view)}&zoom=${view!.zoom.toFixed(2)}&${filterQuery}`,
      ),
  }),
  hexagons: (view: View, filterQuery: string) => ({
    queryKey: ['map', 'hexagons', view?.bbox, Math.round(view?.zoom ?? 9), filterQuery] as const,
    queryFn: () =>
      getJson<Hexagons>(
        `/api/map/hexagons?bbox=${bboxParam(view)}&zoom=${view!.zoom.toFixed(2)}&${filterQuery}`,
      ),
  }),
  points: (view: View, filterQuery: string) => ({
    queryKey: ['map', 'points', view?.bbox, filterQuery] as const,
    queryFn: () => getJson<MapPoints>(`/api/map/points?bbox=${bboxParam(view)}&${filterQuery}`),
  }),
  /** Building footprints with their counts. */
  buildings: (view: View, filterQuery: string) => ({
    queryKey: ['map', 'buildings', view?.bbox, filterQuery] as const,
    queryFn: () => getJson<MapBuildings>(`/api/map/buildings?bbox=${bboxParam(view)}&${filterQuery}`),
  }),
  facilities: (view: View) => ({
    queryKey: ['map', 'facilities', view?.bbox] as const,
    queryFn: () => getJson<MapFacilities>(`/api/map/facilities?bbox=${bboxParam(view)}`),
  }),
  /** A building's panel (households, complaints, facilities, visits). */
  building: (id: number) => ({
    queryKey: ['map', 'building', id] as const,
    queryFn: () => getJson<BuildingPanel>(`/api/map/buildings/${id}`),
  }),
  /** The summary of the area under a point, at a level. */
  area: (p: { lng: number; lat: number; level: string }, filterQuery: string) => ({
    queryKey: ['map', 'area', p, filterQuery] as const,
    queryFn: () =>
      getJson<AreaSummary>(`/api/map/area?lng=${p.lng}&lat=${p.lat}&level=${p.level}&${filterQuery}`),
  }),
  /** The summary and complaints of a drawn selection (`sel` as in the URL). */
  selection: (sel: string | null, filterQuery: string) => ({
    queryKey: ['map', 'selection', sel, filterQuery] as const,
    queryFn: () => getJson<SelectionSummary>(`/api/map/selection?sel=${sel}&${filterQuery}`),
  }),
};

/** Buildings of the caller's jurisdiction whose address contains `text` (the staff map's search). */
export const searchBuildings = (text: string) =>
  getJson<BuildingSearch>(`/api/map/building-search?q=${encodeURIComponent(text)}`);
