/**
 * Square map cells: the slippy-map tile (x, y) at zoom `level` (Web Mercator). Mirrors the SQL
 * functions `map_cell_x` / `map_cell_y` (migration 0006). Pure.
 *
 * Levels 12–16 are precomputed (`complaint_map_bins`); a view at zoom z shows the level whose
 * cells are 32–64 px wide.
 */
export const MIN_CELL_LEVEL = 12;
export const MAX_CELL_LEVEL = 16;
const MAX_LAT = 85.0511;

export function cellX(lng: number, level: number): number {
  return Math.floor(((lng + 180) / 360) * 2 ** level);
}

export function cellY(lat: number, level: number): number {
  const phi = (Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI) / 180;
  return Math.floor(((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * 2 ** level);
}

export function cellLng(x: number, level: number): number {
  return (x / 2 ** level) * 360 - 180;
}

export function cellLat(y: number, level: number): number {
  const n = Math.PI - (2 * Math.PI * y) / 2 ** level;
  return (180 / Math.PI) * Math.atan(Math.sinh(n));
}

/** The cell level shown at a map zoom. */
export function levelForZoom(zoom: number): number {
  return Math.max(MIN_CELL_LEVEL, Math.min(MAX_CELL_LEVEL, Math.round(zoom + 2.5)));
}

/** The cell's outline, [lng, lat] corners (west-north, east-north, east-south, west-south). */
export function cellPolygon(x: number, y: number, level: number): [number, number][] {
  const w = cellLng(x, level);
  const e = cellLng(x + 1, level);
  const n = cellLat(y, level);
  const s = cellLat(y + 1, level);
  return [
    [w, n],
    [e, n],
    [e, s],
    [w, s],
  ];
}

export interface CellRange {
  level: number;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** Every cell touching the bbox (inclusive ranges; y grows southwards). */
export function cellRange(
  bbox: { west: number; south: number; east: number; north: number },
  level: number,
): CellRange {
  return {
    level,
    x0: cellX(bbox.west, level),
    x1: cellX(bbox.east, level),
    y0: cellY(bbox.north, level),
    y1: cellY(bbox.south, level),
  };
}

/** The extent of whole cells, as a bbox (raw queries read exactly the points of these cells). */
export function rangeBbox(r: CellRange) {
  return {
    west: cellLng(r.x0, r.level),
    east: cellLng(r.x1 + 1, r.level),
    north: cellLat(r.y0, r.level),
    south: cellLat(r.y1 + 1, r.level),
  };
}

/** The level of the covering index on `map_cell_key` (migration 0011): a view's points are read by cell. */
export const POINT_KEY_LEVEL = 16;

/** One bigint per cell, x · 2^level + y; mirrors the SQL function `map_cell_key`. */
export function cellKey(x: number, y: number, level: number): number {
  return x * 2 ** level + y;
}

/** The keys of every cell touching the bbox at `level` (≤ 0.25° views: at most a few hundred). */
export function cellKeys(
  bbox: { west: number; south: number; east: number; north: number },
  level: number = POINT_KEY_LEVEL,
): number[] {
  const r = cellRange(bbox, level);
  const keys: number[] = [];
  for (let x = r.x0; x <= r.x1; x++) for (let y = r.y0; y <= r.y1; y++) keys.push(cellKey(x, y, level));
  return keys;
}
