/**
 * The staff map's deck.gl layers: pure factories `(data, settings) => Layer` with stable ids and
 * explicit updateTriggers (STYLE habit 7), each with the legend its settings declare.
 */
import { PolygonLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import { cellPolygon } from '@/lib/map/cells';
import { type Hexagons, hexCenter, hexPolygon } from '@/lib/map/hexagons';
import type { FacilityRow, MapBuildingFeature, MapCells, MapPoint } from '@/lib/map/map.types';
import type { ColorBy } from '@/lib/map/url-state';
import { DEADLINE_COLORS, DEADLINE_STATES } from '@/lib/sla/deadline-state';

export type RGB = [number, number, number];

export interface LegendEntry {
  label: string;
  color?: RGB;
  shape: 'dot' | 'square' | 'ramp' | 'line';
  ramp?: RGB[];
}

export interface CellDatum {
  polygon: [number, number][];
  position: [number, number];
  n: number;
}

/** Memoise once per response: the rows the cell and cluster layers draw. */
export function cellData(cells: MapCells): CellDatum[] {
  return cells.n.map((n, i) => ({
    polygon: cellPolygon(cells.cx[i]!, cells.cy[i]!, cells.level),
    position: [cells.lng[i]!, cells.lat[i]!],
    n,
  }));
}

/** Sequential ramp (light yellow → dark red), five classes. */
export const COUNT_RAMP: RGB[] = [
  [255, 237, 160],
  [254, 178, 76],
  [253, 141, 60],
  [227, 26, 28],
  [128, 0, 38],
];

function rampIndex(n: number, max: number): number {
  if (max <= 1) return 0;
  return Math.min(COUNT_RAMP.length - 1, Math.floor((Math.log(n) / Math.log(max + 1)) * COUNT_RAMP.length));
}

export function maxCount(data: readonly { n: number }[]): number {
  let m = 0;
  for (const d of data) if (d.n > m) m = d.n;
  return m;
}

/** Square cells coloured by complaint count (log classes); counts written at high zoom. */
export function complaintCellsLayer(data: readonly CellDatum[], s: { max: number; opacity: number }) {
  return new PolygonLayer<CellDatum>({
    id: 'complaint-cells',
    data,
    getPolygon: (d) => d.polygon,
    getFillColor: (d) => [...COUNT_RAMP[rampIndex(d.n, s.max)]!, 170],
    getLineColor: [255, 255, 255, 120],
    lineWidthMinPixels: 0.5,
    stroked: true,
    filled: true,
    opacity: s.opacity,
    pickable: true,
    updateTriggers: { getFillColor: s.max },
  });
}

/** Memoise once per response: hexagon outlines and centres. */
export function hexagonData(h: Hexagons): CellDatum[] {
  return h.n.map((n, i) => ({
    polygon: hexPolygon(h.q[i]!, h.r[i]!, h.radius),
    position: hexCenter(h.q[i]!, h.r[i]!, h.radius),
    n,
  }));
}

/** Hexagons coloured by complaint count (the cells' log classes), with their counts written inside. */
export function complaintHexagonsLayer(data: readonly CellDatum[], s: { max: number; opacity: number }) {
  return new PolygonLayer<CellDatum>({
    id: 'complaint-hexagons',
    data,
    getPolygon: (d) => d.polygon,
    getFillColor: (d) => [...COUNT_RAMP[rampIndex(d.n, s.max)]!, 185],
    getLineColor: [255, 255, 255, 160],
    lineWidthMinPixels: 1,
    stroked: true,
    filled: true,
    opacity: s.opacity,
    pickable: true,
    updateTriggers: { getFillColor: s.max },
  });
}

export function hexagonCountsLayer(data: readonly CellDatum[]) {
  return new TextLayer<CellDatum>({
    id: 'complaint-hexagon-counts',
    data,
    getPosition: (d) => d.position,
    getText: (d) => (d.n >= 10_000 ? `${Math.round(d.n / 1000)}k` : String(d.n)),
    getSize: 11,
    getColor: [40, 20, 10, 255],
    fontWeight: 700,
    background: true,
    getBackgroundColor: [255, 255, 255, 170],
    backgroundPadding: [2, 0],
    sizeUnits: 'pixels',
  });
}

export function cellsLegend(max: number): LegendEntry[] {
  return [{ label: `1 – ${max.toLocaleString()}`, shape: 'ramp', ramp: COUNT_RAMP }];
}

/**
 * Clusters: one bubble per cell at the mean position of its complaints, area ∝ count. Over the
 * heatmap (`hollow`) they are rings with a faint fill, so the heat stays visible beneath them.
 */
export function complaintClustersLayer(data: readonly CellDatum[], s: { max: number; hollow?: boolean }) {
  return new ScatterplotLayer<CellDatum>({
    id: 'complaint-clusters',
    data,
    getPosition: (d) => d.position,
    getRadius: (d) => 4 + 18 * Math.sqrt(d.n / Math.max(1, s.max)),
    radiusUnits: 'pixels',
    getFillColor: s.hollow ? [22, 119, 255, 28] : [22, 119, 255, 150],
    getLineColor: s.hollow ? [9, 88, 217, 235] : [255, 255, 255, 230],
    lineWidthUnits: 'pixels',
    getLineWidth: s.hollow ? 1.6 : 1,
    stroked: true,
    pickable: true,
    updateTriggers: {
      getRadius: s.max,
      getFillColor: s.hollow,
      getLineColor: s.hollow,
      getLineWidth: s.hollow,
    },
  });
}

/** Counts on square cells, at each cell's centre (as the hexagons have). */
export function cellCountsLayer(data: readonly CellDatum[]) {
  return new TextLayer<CellDatum>({
    id: 'complaint-cell-counts',
    data,
    getPosition: (d) => {
      const xs = d.polygon.map((p) => p[0]);
      const ys = d.polygon.map((p) => p[1]);
      return [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
    },
    getText: (d) => (d.n >= 10_000 ? `${Math.round(d.n / 1000)}k` : String(d.n)),
    getSize: 11,
    getColor: [40, 20, 10, 255],
    fontWeight: 700,
    background: true,
    getBackgroundColor: [255, 255, 255, 170],
    backgroundPadding: [2, 0],
    sizeUnits: 'pixels',
  });
}

export function clusterCountsLayer(data: readonly CellDatum[], s: { minCount: number; hollow?: boolean }) {
  return new TextLayer<CellDatum>({
    id: 'complaint-cluster-counts',
    data: data.filter((d) => d.n >= s.minCount),
    getPosition: (d) => d.position,
    getText: (d) => (d.n >= 10_000 ? `${Math.round(d.n / 1000)}k` : String(d.n)),
    getSize: 11,
    getColor: s.hollow ? [9, 60, 160, 255] : [255, 255, 255, 255],
    fontWeight: 700,
    sizeUnits: 'pixels',
    updateTriggers: { data: s.minCount, getColor: s.hollow },
  });
}

/** Status groups and their colours (open stages blue → orange; done grey; returned purple). */
export const STATUS_COLORS: Record<string, RGB> = {
  received: [24, 144, 255],
  triaged: [24, 144, 255],
  dispatched: [19, 194, 194],
  accepted: [82, 196, 26],
  in_progress: [250, 173, 20],
  reopened: [245, 34, 45],
  escalated: [245, 34, 45],
  returned: [114, 46, 209],
  transferred: [114, 46, 209],
  resolved: [140, 140, 140],
  closed: [140, 140, 140],
  merged: [191, 191, 191],
  rejected: [191, 191, 191],
};

export function hexRgb(hex: string): RGB {
  const v = Number.parseInt(hex.replace('#', ''), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

export function pointColor(d: MapPoint, by: ColorBy, categoryColors: Record<string, RGB>): RGB {
  if (by === 'category') return categoryColors[d.category] ?? [120, 120, 120];
  if (by === 'status') return STATUS_COLORS[d.status] ?? [120, 120, 120];
  return DEADLINE_COLORS[d.deadline as keyof typeof DEADLINE_COLORS] ?? [120, 120, 120];
}

/** Individual complaints (high zoom), coloured by deadline state, category or status. */
export function complaintPointsLayer(
  data: readonly MapPoint[],
  s: { colorBy: ColorBy; categoryColors: Record<string, RGB>; radius: number },
) {
  return new ScatterplotLayer<MapPoint>({
    id: 'complaint-points',
    data,
    getPosition: (d) => [d.lng, d.lat],
    getFillColor: (d) => [...pointColor(d, s.colorBy, s.categoryColors), 230],
    getLineColor: [255, 255, 255, 220],
    lineWidthUnits: 'pixels',
    getLineWidth: 0.7,
    stroked: true,
    radiusUnits: 'pixels',
    getRadius: s.radius,
    pickable: true,
    updateTriggers: { getFillColor: [s.colorBy, s.categoryColors], getRadius: s.radius },
  });
}

export function pointsLegend(
  by: ColorBy,
  labels: { deadline: (k: string) => string; status: (k: string) => string },
  categories: { code: string; name: string; color: string }[],
): LegendEntry[] {
  if (by === 'category')
    return categories.map((c) => ({ label: c.name, color: hexRgb(c.color), shape: 'dot' as const }));
  if (by === 'status') {
    const seen = new Map<string, string>();
    for (const [status, rgb] of Object.entries(STATUS_COLORS))
      if (!seen.has(rgb.join())) seen.set(rgb.join(), status);
    return [...seen.entries()].map(([rgb, status]) => ({
      label: labels.status(status),
      color: rgb.split(',').map(Number) as RGB,
      shape: 'dot' as const,
    }));
  }
  return DEADLINE_STATES.map((k) => ({
    label: labels.deadline(k),
    color: DEADLINE_COLORS[k],
    shape: 'dot' as const,
  }));
}

export const BUILDING_RAMP: RGB[] = [
  [217, 217, 217],
  [255, 214, 102],
  [250, 140, 22],
  [212, 56, 13],
  [130, 0, 20],
];

export function buildingColor(n: number): RGB {
  if (n <= 0) return BUILDING_RAMP[0]!;
  if (n <= 2) return BUILDING_RAMP[1]!;
  if (n <= 5) return BUILDING_RAMP[2]!;
  if (n <= 15) return BUILDING_RAMP[3]!;
  return BUILDING_RAMP[4]!;
}

/** Footprints coloured (and optionally extruded) by complaint count; click opens the building panel. */
export function buildingsLayer(
  data: readonly MapBuildingFeature[],
  s: { extrude: boolean; selectedId: number | null },
) {
  return new PolygonLayer<MapBuildingFeature>({
    id: 'buildings',
    data,
    getPolygon: (d) => d.geometry.coordinates,
    getFillColor: (d) => [
      ...buildingColor(d.properties.complaints),
      d.properties.id === s.selectedId ? 255 : 215,
    ],
    getLineColor: (d) => (d.properties.id === s.selectedId ? [22, 119, 255, 255] : [90, 90, 90, 200]),
    getLineWidth: (d) => (d.properties.id === s.selectedId ? 3 : 1),
    lineWidthUnits: 'pixels',
    extruded: s.extrude,
    getElevation: (d) => 3 * d.properties.floors + 8 * d.properties.complaints,
    stroked: true,
    pickable: true,
    updateTriggers: { getFillColor: s.selectedId, getLineColor: s.selectedId, getLineWidth: s.selectedId },
  });
}

export function buildingsLegend(): LegendEntry[] {
  return ['0', '1–2', '3–5', '6–15', '> 15'].map((label, i) => ({
    label,
    color: BUILDING_RAMP[i],
    shape: 'square',
  }));
}

export const FACILITY_COLOR: RGB = [19, 84, 158];

export function facilitiesLayer(data: readonly FacilityRow[]) {
  return new ScatterplotLayer<FacilityRow>({
    id: 'facilities',
    data,
    getPosition: (d) => [d.lng, d.lat],
    getFillColor: [...FACILITY_COLOR, 255],
    getLineColor: [255, 255, 255, 255],
    getRadius: 6,
    radiusUnits: 'pixels',
    stroked: true,
    lineWidthUnits: 'pixels',
    getLineWidth: 2,
    pickable: true,
  });
}

/** The drawn selection (rectangle or polygon), and the vertices of one being drawn. */
export function selectionLayer(ring: readonly [number, number][], drawing: boolean) {
  return new PolygonLayer<{ ring: readonly [number, number][] }>({
    id: 'selection',
    data: ring.length >= 2 ? [{ ring }] : [],
    getPolygon: (d) => d.ring as [number, number][],
    getFillColor: [22, 119, 255, drawing ? 25 : 40],
    getLineColor: [22, 119, 255, 255],
    getLineWidth: 2,
    lineWidthUnits: 'pixels',
    stroked: true,
    updateTriggers: { getFillColor: drawing },
  });
}
