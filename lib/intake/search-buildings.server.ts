import 'server-only';
import type { Db } from '@/db/client';
import { type BuildingHit, searchBuildings as searchBuildingRows } from '@/db/queries/intake';
import { toWgs84 } from '@/lib/geo/to-wgs84';
import { BUILDING_SEARCH } from './helper-input';

/**
 * The report form's address / building search: buildings whose address contains the text, near the
 * resident's point when one is known (within 3 km, nearest first). Public: only the building's
 * address, its village's name and its centre leave; never households, persons or complaints. The
 * id may be sent as `buildingId` with a submission whose point lies within 300 m of it.
 */
export async function searchBuildings(
  db: Db,
  input: { q: string; lng?: number; lat?: number; datum: 'wgs84' | 'gcj02' | 'bd09' | 'cgcs2000' },
): Promise<BuildingHit[]> {
  let near: { lng: number; lat: number } | null = null;
  if (input.lng !== undefined && input.lat !== undefined) {
    const [lng, lat] = toWgs84(input.lng, input.lat, input.datum);
    near = { lng, lat };
  }
  return searchBuildingRows(db, {
    q: input.q,
    near,
    radiusM: BUILDING_SEARCH.radiusM,
    limit: BUILDING_SEARCH.limit,
  });
}
