import { bd09ToWgs84, gcj02ToWgs84, type LngLat } from './convert-datum';

/** The datums a location may arrive in (matches the `datum` enum in the schema). */
export type Datum = 'wgs84' | 'gcj02' | 'bd09' | 'cgcs2000';

export const DATUMS: readonly Datum[] = ['wgs84', 'gcj02', 'bd09', 'cgcs2000'];

/**
 * Convert a point in any accepted datum to WGS84 (storage).
 *
 * CGCS2000 (EPSG:4490, Tianditu and government GIS) and WGS84 (EPSG:4326) realise nearly the same
 * geocentric frame: their ellipsoids differ by 0.1 mm in the semi-minor axis and the frames by a few
 * centimetres, far below anything a city map or a phone GPS can show. They are treated as
 * identical here, deliberately, as is usual at city scale.
 */
export function toWgs84(lng: number, lat: number, datum: Datum): LngLat {
  switch (datum) {
    case 'wgs84':
    case 'cgcs2000':
      return [lng, lat];
    case 'gcj02':
      return gcj02ToWgs84(lng, lat);
    case 'bd09':
      return bd09ToWgs84(lng, lat);
  }
}
