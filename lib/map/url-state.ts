/**
 * Everything the staff map shows, as URL search params (STYLE habit 8): view (centre, zoom),
 * layers, colouring, filters, time playback mode, drawn selection and the open building or facility, so a link
 * reproduces exactly what someone saw. Pure: `parseMapState(get)` and `mapStateEntries(state)`
 * are inverse on every state they produce.
 */
import {
  type ComplaintFilter,
  EMPTY_FILTER,
  filterEntries,
  formatRing,
  parseFilter,
  parseRing,
} from './filters';

export const MAP_LAYERS = [
  'heatmap',
  'cells',
  'hexagons',
  'points',
  'buildings',
  'facilities',
  'grids',
  'percapita',
] as const;
export type MapLayerId = (typeof MAP_LAYERS)[number];
export const DEFAULT_LAYERS: MapLayerId[] = ['heatmap', 'points', 'buildings', 'grids'];

export const COLOR_BY = ['deadline', 'category', 'status'] as const;
export type ColorBy = (typeof COLOR_BY)[number];

export const PLAY_MODES = ['window', 'cumulative'] as const;
export type PlayMode = (typeof PLAY_MODES)[number];

export interface MapView {
  lng: number;
  lat: number;
  zoom: number;
}

export interface MapState {
  /** null: the caller's default view (their grid or jurisdiction). */
  view: MapView | null;
  layers: MapLayerId[];
  colorBy: ColorBy;
  /** Heatmap weighted by urgency. */
  weightByUrgency: boolean;
  /** Buildings extruded by complaint count. */
  extrude: boolean;
  playMode: PlayMode;
  filter: ComplaintFilter;
  selection: [number, number][] | null;
  building: number | null;
  /** The facility whose panel is open (`fac`). */
  facility: number | null;
}

export const DEFAULT_STATE: MapState = {
  view: null,
  layers: DEFAULT_LAYERS,
  colorBy: 'deadline',
  weightByUrgency: false,
  extrude: false,
  playMode: 'window',
  filter: EMPTY_FILTER,
  selection: null,
  building: null,
  facility: null,
};

const round = (n: number, d: number) => Math.round(n * 10 ** d) / 10 ** d;

export function parseMapState(get: (key: string) => string | null | undefined): MapState {
  const v = get('v')?.split(',').map(Number);
  const view =
    v && v.length === 3 && v.every(Number.isFinite) && Math.abs(v[0]!) <= 180 && Math.abs(v[1]!) <= 90
      ? { lng: v[0]!, lat: v[1]!, zoom: Math.max(0, Math.min(22, v[2]!)) }
      : null;
  const layersParam = get('layers');
  const layers =
    layersParam === null || layersParam === undefined
      ? DEFAULT_LAYERS
      : MAP_LAYERS.filter((l) => layersParam.split(',').includes(l));
  const colorBy = COLOR_BY.find((c) => c === get('color')) ?? 'deadline';
  const playMode = PLAY_MODES.find((p) => p === get('play')) ?? 'window';
  const building = Number(get('b'));
  const facility = Number(get('fac'));
  const opts = (get('opt') ?? '').split(',');
  return {
    view,
    layers,
    colorBy,
    weightByUrgency: opts.includes('urgency'),
    extrude: opts.includes('3d'),
    playMode,
    filter: parseFilter(get),
    selection: parseRing(get('sel')),
    building: Number.isInteger(building) && building > 0 ? building : null,
    facility: Number.isInteger(facility) && facility > 0 ? facility : null,
  };
}

/** The state as search-param entries; defaults are omitted so links stay short. */
export function mapStateEntries(s: MapState): [string, string][] {
  const out: [string, string][] = [];
  if (s.view) out.push(['v', `${round(s.view.lng, 5)},${round(s.view.lat, 5)},${round(s.view.zoom, 2)}`]);
  const layers = MAP_LAYERS.filter((l) => s.layers.includes(l));
  if (layers.join(',') !== MAP_LAYERS.filter((l) => DEFAULT_LAYERS.includes(l)).join(','))
    out.push(['layers', layers.join(',')]);
  if (s.colorBy !== 'deadline') out.push(['color', s.colorBy]);
  const opts = [s.weightByUrgency ? 'urgency' : null, s.extrude ? '3d' : null].filter(Boolean);
  if (opts.length) out.push(['opt', opts.join(',')]);
  if (s.playMode !== 'window') out.push(['play', s.playMode]);
  out.push(...filterEntries(s.filter));
  if (s.selection) out.push(['sel', formatRing(s.selection)]);
  if (s.building) out.push(['b', String(s.building)]);
  if (s.facility) out.push(['fac', String(s.facility)]);
  return out;
}

export function mapStateQuery(s: MapState): string {
  return new URLSearchParams(mapStateEntries(s)).toString();
}
