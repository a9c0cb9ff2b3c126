/**
 * deck.gl layers of the hot-spot workspace, as pure factories with stable ids, and the legends
 * they declare. Colours follow ArcGIS's hot-spot convention (red hot, blue cold, pale for none).
 */
import { GeoJsonLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { Cluster } from '@/lib/hotspots/hotspots.types';

export type RGBA = [number, number, number, number];

/** Bin −3 … +3 → colour. */
export const BIN_COLORS: Record<string, RGBA> = {
  '-3': [69, 117, 181, 210],
  '-2': [132, 158, 194, 200],
  '-1': [192, 204, 190, 190],
  '0': [240, 240, 240, 40],
  '1': [250, 185, 132, 190],
  '2': [237, 117, 81, 200],
  '3': [214, 47, 39, 215],
};

export const PATTERN_COLORS: Record<string, RGBA> = {
  new_hot: [255, 0, 0, 200],
  consecutive_hot: [255, 102, 0, 200],
  intensifying_hot: [176, 0, 0, 210],
  persistent_hot: [230, 80, 80, 190],
  diminishing_hot: [255, 170, 170, 190],
  sporadic_hot: [255, 200, 120, 190],
  oscillating_hot: [200, 120, 200, 190],
  historical_hot: [190, 150, 150, 180],
  new_cold: [0, 90, 255, 200],
  consecutive_cold: [0, 140, 255, 200],
  intensifying_cold: [0, 40, 160, 210],
  persistent_cold: [80, 120, 220, 190],
  diminishing_cold: [160, 190, 255, 190],
  sporadic_cold: [120, 200, 255, 190],
  oscillating_cold: [140, 120, 220, 190],
  historical_cold: [150, 160, 190, 180],
  none: [240, 240, 240, 30],
};

export interface CellProps {
  i: number;
  j: number;
  count?: number;
  bin?: number;
  pattern?: string;
}

export function giCellsLayer(
  fc: FeatureCollection<Geometry, CellProps>,
  onClick: (f: Feature<Geometry, CellProps>) => void,
) {
  return new GeoJsonLayer<CellProps>({
    id: 'gi-cells',
    data: fc,
    filled: true,
    stroked: true,
    getFillColor: (f) => BIN_COLORS[String(f.properties.bin ?? 0)] ?? BIN_COLORS['0']!,
    getLineColor: [255, 255, 255, 60],
    lineWidthMinPixels: 0.5,
    pickable: true,
    autoHighlight: true,
    highlightColor: [20, 20, 20, 80],
    onClick: (info) => {
      if (info.object) onClick(info.object as Feature<Geometry, CellProps>);
    },
  });
}

export function emergingCellsLayer(
  fc: FeatureCollection<Geometry, CellProps>,
  onClick: (f: Feature<Geometry, CellProps>) => void,
) {
  return new GeoJsonLayer<CellProps>({
    id: 'emerging-cells',
    data: fc,
    filled: true,
    stroked: true,
    getFillColor: (f) => PATTERN_COLORS[f.properties.pattern ?? 'none'] ?? PATTERN_COLORS.none!,
    getLineColor: [255, 255, 255, 60],
    lineWidthMinPixels: 0.5,
    pickable: true,
    autoHighlight: true,
    highlightColor: [20, 20, 20, 80],
    onClick: (info) => {
      if (info.object) onClick(info.object as Feature<Geometry, CellProps>);
    },
  });
}

/** What the cluster layers draw of a cluster of `GET /api/analytics/clusters`. */
export type ClusterDatum = Pick<Cluster, 'cluster' | 'count' | 'lng' | 'lat' | 'hull'>;

export function clusterHullsLayer(clusters: readonly ClusterDatum[], selected: number | null) {
  return new GeoJsonLayer({
    id: 'cluster-hulls',
    data: {
      type: 'FeatureCollection',
      features: clusters.map((c) => ({
        type: 'Feature',
        properties: { cluster: c.cluster },
        geometry: c.hull,
      })),
    } as FeatureCollection,
    filled: true,
    stroked: true,
    getFillColor: (f) => (f.properties?.cluster === selected ? [214, 47, 39, 120] : [214, 47, 39, 50]),
    getLineColor: [160, 20, 20, 220],
    lineWidthMinPixels: 1.5,
    pointRadiusMinPixels: 4,
    updateTriggers: { getFillColor: selected },
  });
}

/** Cluster centres sized by count; the selected one (list or map click) drawn larger, in yellow with a dark ring. */
export function clusterCentresLayer(
  clusters: readonly ClusterDatum[],
  onClick: (c: ClusterDatum) => void,
  selected: number | null = null,
) {
  const max = Math.max(1, ...clusters.map((c) => c.count));
  return new ScatterplotLayer<ClusterDatum>({
    id: 'cluster-centres',
    data: clusters,
    getPosition: (c) => [c.lng, c.lat],
    getRadius: (c) => (c.cluster === selected ? 8 : 4) + 14 * Math.sqrt(c.count / max),
    radiusUnits: 'pixels',
    getFillColor: (c) => (c.cluster === selected ? [250, 200, 20, 240] : [160, 20, 20, 220]),
    getLineColor: (c) => (c.cluster === selected ? [40, 20, 0, 255] : [255, 255, 255, 255]),
    getLineWidth: (c) => (c.cluster === selected ? 3 : 1),
    lineWidthUnits: 'pixels',
    stroked: true,
    lineWidthMinPixels: 1,
    pickable: true,
    onClick: (info) => {
      if (info.object) onClick(info.object as ClusterDatum);
    },
    updateTriggers: {
      getRadius: selected,
      getFillColor: selected,
      getLineColor: selected,
      getLineWidth: selected,
    },
  });
}
