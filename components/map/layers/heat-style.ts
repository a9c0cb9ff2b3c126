/**
 * The complaint heatmap, drawn by MapLibre's own heatmap layer (GPU, no extra bundle) from the
 * server's vector tiles (`/api/map/tiles/{z}/{x}/{y}.mvt`, layer `centroids`): one weighted point
 * per cell at the mean position of its complaints. MapLibre caches the tiles, so panning fetches
 * only the tiles that come into view; from zoom 14 it over-zooms the zoom-13 tiles.
 */
import type { HeatmapLayerSpecification, SourceSpecification } from 'maplibre-gl';
import type { RGB } from './staff-layers';

export const HEAT_TILES_MAX_ZOOM = 13;

/** The tile URL template for a filter (absolute: MapLibre fetches tiles from its worker). */
export function heatTilesUrl(origin: string, filterQuery: string): string {
  return `${origin}/api/map/tiles/{z}/{x}/{y}.mvt${filterQuery ? `?${filterQuery}` : ''}`;
}

export function heatSource(url: string): SourceSpecification {
  return { type: 'vector', tiles: [url], minzoom: 0, maxzoom: HEAT_TILES_MAX_ZOOM };
}

export const HEAT_RAMP: RGB[] = [
  [65, 182, 196],
  [127, 205, 187],
  [254, 217, 118],
  [253, 141, 60],
  [227, 26, 28],
];

export const HEAT_LAYER: HeatmapLayerSpecification = {
  id: 'complaint-heat',
  type: 'heatmap',
  source: 'heat',
  'source-layer': 'centroids',
  paint: {
    'heatmap-weight': ['/', ['sqrt', ['get', 'n']], 1],
    'heatmap-intensity': 2,
    'heatmap-radius': 30,
    'heatmap-opacity': 0.75,
    'heatmap-color': [
      'interpolate',
      ['linear'],
      ['heatmap-density'],
      0,
      'rgba(0,0,0,0)',
      0.1,
      `rgb(${HEAT_RAMP[0]!.join(',')})`,
      0.3,
      `rgb(${HEAT_RAMP[1]!.join(',')})`,
      0.5,
      `rgb(${HEAT_RAMP[2]!.join(',')})`,
      0.75,
      `rgb(${HEAT_RAMP[3]!.join(',')})`,
      1,
      `rgb(${HEAT_RAMP[4]!.join(',')})`,
    ],
  },
};

/**
 * The largest n and w among the loaded tiles' cells (the heat is scaled by the view's maximum) and
 * the complaints of the cells centred inside the view (a tile may be listed twice while MapLibre
 * fades between zooms: each cell counts once).
 */
export function heatMaxima(
  features: readonly { properties: Record<string, unknown>; geometry: unknown }[],
  bounds: { west: number; south: number; east: number; north: number },
): { maxN: number; maxW: number; total: number } {
  let maxN = 1;
  let maxW = 1;
  let total = 0;
  const seen = new Set<string>();
  for (const f of features) {
    const n = Number(f.properties.n);
    const w = Number(f.properties.w);
    if (n > maxN) maxN = n;
    if (w > maxW) maxW = w;
    const [lng, lat] = (f.geometry as { coordinates: [number, number] }).coordinates;
    const key = `${lng.toFixed(5)},${lat.toFixed(5)},${n}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (lng >= bounds.west && lng <= bounds.east && lat >= bounds.south && lat <= bounds.north) total += n;
  }
  return { maxN, maxW, total };
}
