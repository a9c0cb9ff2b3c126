/**
 * Query of the report form's place helper (`GET /api/v1/places/at`): a point (`lng`, `lat`,
 * optional `datum`) or one building (`building`, the grid worker's report preselecting it). Pure.
 */
import { z } from 'zod';
import { DATUM_VALUES } from './submit-input';

/** The nearest building is named only within this distance of the pin. */
export const PLACE_BUILDING_RADIUS_M = 150;

const coordinate = (min: number, max: number, what: string) =>
  z.coerce.number().finite().min(min).max(max).meta({ description: what });

export const placeAtInput = z
  .union([
    z.object({
      building: z.coerce.number().int().positive().max(2_147_483_647).meta({ description: 'A building id' }),
    }),
    z.object({
      lng: coordinate(-180, 180, 'Longitude of the pin'),
      lat: coordinate(-90, 90, 'Latitude of the pin'),
      datum: z.enum(DATUM_VALUES).default('wgs84').meta({ description: 'Datum of lng/lat' }),
    }),
  ])
  .meta({ id: 'PlaceAtQuery' });

export type PlaceAtInput = z.infer<typeof placeAtInput>;

/** What the endpoint answers: names and one building's public facts; `place` null outside the city. */
export interface PlaceAt {
  county: string | null;
  town: string | null;
  village: string | null;
  building: { id: number; address: string; lng: number; lat: number; distanceM: number } | null;
}
