/**
 * The default basemap, drawn from the project's own data (no tiles can be fetched): county, town
 * and village areas and grids from the app's own GeoJSON endpoints. Deployments replace it with
 * any MapLibre style by NEXT_PUBLIC_MAP_STYLE_URL (e.g. Tianditu, CGCS2000 ≈ WGS84); the area
 * outlines are then added on top of that style.
 */
import type { FeatureCollection } from 'geojson';
import type { LayerSpecification, SourceSpecification, StyleSpecification } from 'maplibre-gl';

const empty = (): FeatureCollection => ({ type: 'FeatureCollection', features: [] });

/** Soft fills for the five counties, in code order (东区, 西区, 仁和区, 米易县, 盐边县). */
export const COUNTY_FILLS = ['#f4e3c1', '#dbe8f5', '#e3f0d8', '#f3dde3', '#e6e0f2'];

export const AREA_SOURCES: Record<string, SourceSpecification> = {
  counties: { type: 'geojson', data: empty() },
  towns: { type: 'geojson', data: empty() },
  villages: { type: 'geojson', data: empty() },
  grids: { type: 'geojson', data: empty() },
};

export const AREA_LAYERS: LayerSpecification[] = [
  {
    id: 'county-fill',
    type: 'fill',
    source: 'counties',
    paint: {
      'fill-color': [
        'match',
        ['get', 'code'],
        '510402000000',
        COUNTY_FILLS[0]!,
        '510403000000',
        COUNTY_FILLS[1]!,
        '510411000000',
        COUNTY_FILLS[2]!,
        '510421000000',
        COUNTY_FILLS[3]!,
        COUNTY_FILLS[4]!,
      ],
      'fill-opacity': 1,
    },
  },
  {
    id: 'village-line',
    type: 'line',
    source: 'villages',
    minzoom: 10.5,
    paint: { 'line-color': '#9a9a9a', 'line-width': 0.6, 'line-dasharray': [3, 2] },
  },
  {
    id: 'grid-line',
    type: 'line',
    source: 'grids',
    minzoom: 12,
    paint: { 'line-color': '#5b8cc9', 'line-width': 0.8, 'line-opacity': 0.8 },
  },
  {
    id: 'town-line',
    type: 'line',
    source: 'towns',
    minzoom: 8.5,
    paint: { 'line-color': '#7a6a58', 'line-width': ['interpolate', ['linear'], ['zoom'], 9, 0.6, 13, 1.4] },
  },
  {
    id: 'county-line',
    type: 'line',
    source: 'counties',
    paint: { 'line-color': '#5c3d2e', 'line-width': ['interpolate', ['linear'], ['zoom'], 8, 1.4, 13, 3] },
  },
];

export function defaultBaseStyle(): StyleSpecification {
  return {
    version: 8,
    name: 'suqiu-own-data',
    sources: { ...AREA_SOURCES },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#f2f1ed' } },
      ...AREA_LAYERS,
    ],
  };
}
