/**
 * Apply a point conversion to every position of a GeoJSON geometry (Point … MultiPolygon and
 * GeometryCollection). Returns a new geometry; the input is not modified. Extra position values
 * (altitude) are kept as they are.
 */
import type { Geometry, Position } from 'geojson';
import type { LngLat } from './convert-datum';
import { type Datum, toWgs84 } from './to-wgs84';

export type PointConversion = (lng: number, lat: number) => LngLat;

function convertPosition(position: Position, convert: PointConversion): Position {
  const [lng, lat, ...rest] = position;
  if (lng === undefined || lat === undefined) throw new Error('GeoJSON position needs [lng, lat]');
  return [...convert(lng, lat), ...rest];
}

export function convertGeometry<G extends Geometry>(geometry: G, convert: PointConversion): G {
  const ring = (positions: Position[]) => positions.map((p) => convertPosition(p, convert));
  switch (geometry.type) {
    case 'Point':
      return { ...geometry, coordinates: convertPosition(geometry.coordinates, convert) };
    case 'MultiPoint':
    case 'LineString':
      return { ...geometry, coordinates: ring(geometry.coordinates) };
    case 'MultiLineString':
    case 'Polygon':
      return { ...geometry, coordinates: geometry.coordinates.map(ring) };
    case 'MultiPolygon':
      return { ...geometry, coordinates: geometry.coordinates.map((polygon) => polygon.map(ring)) };
    case 'GeometryCollection':
      return { ...geometry, geometries: geometry.geometries.map((g) => convertGeometry(g, convert)) };
  }
}

/** A whole geometry from `datum` to WGS84 (storage). */
export function geometryToWgs84<G extends Geometry>(geometry: G, datum: Datum): G {
  if (datum === 'wgs84' || datum === 'cgcs2000') return geometry;
  return convertGeometry(geometry, (lng, lat) => toWgs84(lng, lat, datum));
}
