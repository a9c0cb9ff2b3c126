/**
 * PostGIS column types for drizzle. drizzle's built-in `geometry()` reads points only and
 * drizzle-kit drops its SRID, so every geometry column in the schema goes through here.
 *
 * Values are GeoJSON geometries in EPSG:4326, `[lng, lat]`, at every boundary. Writes go through
 * `ST_GeomFromGeoJSON`; reads decode the hex EWKB that both drivers (PGlite and node-postgres)
 * return. Hot paths (maps, exports) should select `ST_AsGeoJSON(...)` in SQL instead.
 */
import { customType } from 'drizzle-orm/pg-core';
import type { MultiPolygon, Point, Polygon } from 'geojson';
import { Geometry } from 'wkx';

export const WGS84 = 4326;

function decodeEwkb<T>(value: unknown): T {
  if (value && typeof value === 'object') return value as T; // already GeoJSON
  if (typeof value !== 'string') throw new Error('geometry column: unexpected driver value');
  if (value.startsWith('{')) return JSON.parse(value) as T;
  return Geometry.parse(Buffer.from(value, 'hex')).toGeoJSON() as T;
}

function geometryColumn<T extends Point | Polygon | MultiPolygon>(pgType: string) {
  return customType<{ data: T; driverData: string }>({
    dataType() {
      return `geometry(${pgType},${WGS84})`;
    },
    toDriver(value: T): string {
      // ST_GeomFromGeoJSON accepts the text; the column's typmod fixes the SRID.
      return JSON.stringify({ ...value, crs: { type: 'name', properties: { name: `EPSG:${WGS84}` } } });
    },
    fromDriver(value: string): T {
      return decodeEwkb<T>(value);
    },
  });
}

/** A point (`location`, `centre`). */
export const point = geometryColumn<Point>('Point');

/**
 * CGCS2000 / 3-degree Gauss-Kruger CM 102E (metres), the plane of the hot-spot statistics. Used only
 * for a generated copy of a WGS84 point (`complaints.location_m`), never written by the app.
 */
export const METRIC_SRID = 4543;
export const metricPoint = customType<{ data: Point; driverData: string }>({
  dataType() {
    return `geometry(Point,${METRIC_SRID})`;
  },
  fromDriver(value: string): Point {
    return decodeEwkb<Point>(value);
  },
});
/** A single polygon (`footprint` of a building, `boundary` of a grid). */
export const polygon = geometryColumn<Polygon>('Polygon');
/** A multipolygon (`boundary` of a division: counties have islands and enclaves). */
export const multiPolygon = geometryColumn<MultiPolygon>('MultiPolygon');
