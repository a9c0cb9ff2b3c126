/**
 * Whether a point lies inside any polygon of a GeoJSON collection (even–odd rule on every ring, so
 * holes count as outside). Pure; for the map's clicks: a click outside every county of the city is
 * a click on nothing, not a question for the server.
 */
import type { FeatureCollection, Geometry, Position } from 'geojson';

function inRing(p: Position, ring: Position[]): boolean {
  const [x, y] = p as [number, number];
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inPolygon(p: Position, rings: Position[][]): boolean {
  let inside = false;
  for (const ring of rings) if (inRing(p, ring)) inside = !inside;
  return inside;
}

function inGeometry(p: Position, g: Geometry | null): boolean {
  if (!g) return false;
  if (g.type === 'Polygon') return inPolygon(p, g.coordinates);
  if (g.type === 'MultiPolygon') return g.coordinates.some((rings) => inPolygon(p, rings));
  if (g.type === 'GeometryCollection') return g.geometries.some((x) => inGeometry(p, x));
  return false;
}

export function pointInAreas(p: Position, areas: FeatureCollection): boolean {
  return areas.features.some((f) => inGeometry(p, f.geometry));
}
