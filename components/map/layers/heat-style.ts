/**
 * The complaint heatmap, drawn by MapLibre's own heatmap layer (GPU, no extra bundle) from the
 * server's cells: one weighted point per cell at the mean position of its complaints.
 */
import type { FeatureCollection } from 'geojson';
import type { HeatmapLayerSpecification, SourceSpecification } from 'maplibre-gl';
import type { Cells, RGB } from './staff-layers';

export const HEAT_SOURCE: SourceSpecification = {
  type: 'geojson',
  data: { type: 'FeatureCollection', features: [] },
};

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
  paint: {
    'heatmap-weight': ['/', ['get', 'n'], 1],
    'heatmap-intensity': 1.2,
    'heatmap-radius': 28,
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

/** Cells → weighted points; weights are scaled by the view's maximum (set as a paint expression). */
export function heatData(cells: Cells): { fc: FeatureCollection; maxN: number; maxW: number } {
  let maxN = 0;
  let maxW = 0;
  const features = cells.n.map((n, i) => {
    const w = cells.w[i]!;
    if (n > maxN) maxN = n;
    if (w > maxW) maxW = w;
    return {
      type: 'Feature' as const,
      properties: { n, w },
      geometry: { type: 'Point' as const, coordinates: [cells.lng[i]!, cells.lat[i]!] },
    };
  });
  // sqrt keeps a few dense cells from hiding everything else.
  for (const f of features) {
    f.properties.n = Math.sqrt(f.properties.n);
    f.properties.w = Math.sqrt(f.properties.w);
  }
  return { fc: { type: 'FeatureCollection', features }, maxN: Math.sqrt(maxN), maxW: Math.sqrt(maxW) };
}
