/**
 * Hexagon aggregation for the staff map. The hexagons tile the map's own projection (Web Mercator,
 * coordinates in the unit square): they look regular on screen at any latitude, their outlines are
 * computed here in the browser, and the same arithmetic runs on both engines (no ST_HexagonGrid
 * or H3 dependency). Pointy-top axial coordinates (q, r), cube rounding. The hexagon width is
 * ≈ 48 px at the integer zoom it is built for. Counts come from the finest map cells (level 16,
 * ≈ 0.55 km) assigned by the mean position of their complaints: every complaint lands in exactly
 * one hexagon (the totals equal the raw counts); along a hexagon's edge the assignment has the
 * cells' resolution. Pure.
 */
export const HEX_CELL_LEVEL = 16;
/** Hexagons are offered below the zoom where individual complaints take over. */
export const HEX_MAX_ZOOM = 14;
const HEX_WIDTH_PX = 48;
const TILE_PX = 512;
const MAX_LAT = 85.0511;

/** Circumradius in unit-square coordinates for a map zoom (quantised to integer zooms). */
export function hexRadius(zoom: number): number {
  return HEX_WIDTH_PX / (Math.sqrt(3) * TILE_PX * 2 ** Math.round(zoom));
}

export function toUnit(lng: number, lat: number): [number, number] {
  const phi = (Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI) / 180;
  return [(lng + 180) / 360, (1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2];
}

export function fromUnit(x: number, y: number): [number, number] {
  const n = Math.PI - 2 * Math.PI * y;
  return [x * 360 - 180, (180 / Math.PI) * Math.atan(Math.sinh(n))];
}

/** The hexagon (q, r) holding a position. */
export function hexOf(lng: number, lat: number, radius: number): [number, number] {
  const [x, y] = toUnit(lng, lat);
  const fq = ((Math.sqrt(3) / 3) * x - y / 3) / radius;
  const fr = ((2 / 3) * y) / radius;
  const fs = -fq - fr;
  let q = Math.round(fq);
  let r = Math.round(fr);
  const s = Math.round(fs);
  const dq = Math.abs(q - fq);
  const dr = Math.abs(r - fr);
  const ds = Math.abs(s - fs);
  if (dq > dr && dq > ds) q = -r - s;
  else if (dr > ds) r = -q - s;
  return [q, r];
}

export function hexCenter(q: number, r: number, radius: number): [number, number] {
  return fromUnit(radius * Math.sqrt(3) * (q + r / 2), radius * 1.5 * r);
}

/** The outline, six [lng, lat] corners. */
export function hexPolygon(q: number, r: number, radius: number): [number, number][] {
  const cx = radius * Math.sqrt(3) * (q + r / 2);
  const cy = radius * 1.5 * r;
  return Array.from({ length: 6 }, (_, i) => {
    const a = (Math.PI / 180) * (60 * i - 30);
    return fromUnit(cx + radius * Math.cos(a), cy + radius * Math.sin(a));
  });
}

export interface Hexagons {
  /** The integer zoom the hexagons are built for (their size). */
  zoom: number;
  radius: number;
  source: 'bins' | 'raw';
  total: number;
  q: number[];
  r: number[];
  n: number[];
  w: number[];
}

/** Weighted positions (cells) → hexagons with counts, in a stable order (by r, then q). */
export function binHexagons(
  cells: readonly { lng: number; lat: number; n: number; w: number }[],
  zoom: number,
  source: 'bins' | 'raw',
): Hexagons {
  const radius = hexRadius(zoom);
  const acc = new Map<string, { q: number; r: number; n: number; w: number }>();
  let total = 0;
  for (const c of cells) {
    const [q, r] = hexOf(c.lng, c.lat, radius);
    const key = `${q},${r}`;
    const h = acc.get(key) ?? { q, r, n: 0, w: 0 };
    h.n += c.n;
    h.w += c.w;
    acc.set(key, h);
    total += c.n;
  }
  const hexes = [...acc.values()].sort((a, b) => a.r - b.r || a.q - b.q);
  return {
    zoom: Math.round(zoom),
    radius,
    source,
    total,
    q: hexes.map((h) => h.q),
    r: hexes.map((h) => h.r),
    n: hexes.map((h) => h.n),
    w: hexes.map((h) => h.w),
  };
}
