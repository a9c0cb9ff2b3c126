/**
 * Query parameters of the report form's two public helpers: the building search and the category
 * suggestion (also as a JSON body). Query strings arrive as text, so numbers are coerced. Pure; the OpenAPI description
 * is generated from these schemas.
 */
import { z } from 'zod';
import { DATUM_VALUES, INTAKE_LIMITS } from './submit-input';

export const BUILDING_SEARCH = { qMin: 2, qMax: 40, radiusM: 3_000, limit: 10 } as const;

const coordinate = (min: number, max: number, what: string) =>
  z.coerce.number().finite().min(min).max(max).meta({ description: what });

export const buildingSearchInput = z
  .object({
    q: z
      .string()
      .trim()
      .min(BUILDING_SEARCH.qMin)
      .max(BUILDING_SEARCH.qMax)
      .meta({ description: 'Part of the address (road, number, community, 组 …); spaces are ignored' }),
    lng: coordinate(-180, 180, 'Longitude of the point to search around (optional, with lat)').optional(),
    lat: coordinate(-90, 90, 'Latitude of the point to search around (optional, with lng)').optional(),
    datum: z.enum(DATUM_VALUES).default('wgs84').meta({ description: 'Datum of lng/lat' }),
  })
  .refine((v) => (v.lng === undefined) === (v.lat === undefined), {
    message: 'lng and lat go together',
    path: ['lng'],
  })
  .meta({ id: 'BuildingSearchQuery' });

/** The longest text a POST suggestion takes (a whole letter); GET keeps the form's limit (URLs stay short). */
export const SUGGEST_BODY_TEXT_MAX = 20_000;

function suggestSchema(textMax: number) {
  return z.object({
    text: z.string().trim().min(2).max(textMax).meta({ description: 'What the resident has written so far' }),
    kind: z
      .enum(['complaint', 'misconduct'])
      .default('complaint')
      .meta({ description: 'misconduct: only 纪检 (JJ) categories are suggested' }),
  });
}

export const categorySuggestInput = suggestSchema(INTAKE_LIMITS.descriptionMax).meta({
  id: 'CategorySuggestQuery',
});

/** The same fields as a JSON body (POST), for texts longer than a URL should carry. */
export const categorySuggestBody = suggestSchema(SUGGEST_BODY_TEXT_MAX).meta({ id: 'CategorySuggestBody' });

/** URLSearchParams → a plain object for the schemas (absent keys stay absent). */
export function queryObject(url: string): Record<string, string> {
  return Object.fromEntries(new URL(url).searchParams.entries());
}
