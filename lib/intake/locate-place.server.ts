import 'server-only';
import type { DbOrTx } from '@/db/client';
import { getBuildingPlace, getPlaceAt } from '@/db/queries/places';
import { toWgs84 } from '@/lib/geo/to-wgs84';
import { AppError } from '@/lib/http/errors';
import { PLACE_BUILDING_RADIUS_M, type PlaceAt, type PlaceAtInput } from './place-input';

/**
 * The report form's place line: after a pin, the county, town and village names and the nearest
 * building's address (within 150 m); for `building`, that building. Public data only. A point
 * outside the city answers `null`; an unknown building NOT_FOUND.
 */
export async function locatePlace(db: DbOrTx, input: PlaceAtInput): Promise<PlaceAt | null> {
  if ('building' in input) {
    const place = await getBuildingPlace(db, { buildingId: input.building });
    if (!place) throw new AppError('NOT_FOUND', 'Building not found');
    return place;
  }
  const [lng, lat] = toWgs84(input.lng, input.lat, input.datum);
  return getPlaceAt(db, { lng, lat, radiusM: PLACE_BUILDING_RADIUS_M });
}
