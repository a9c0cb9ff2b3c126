import { z } from 'zod';
import { assertPeriod } from '@/lib/http/date-range';
import { parseFilter, parseRing } from './filters';

/** Panzhihua with a margin: views outside it have nothing to show. */
export const CITY_BOUNDS = { west: 100.9, south: 25.9, east: 102.5, north: 27.4 } as const;

/** `bbox=west,south,east,north` in WGS84 degrees. */
export const bboxParam = z.string().transform((value, ctx) => {
  const parts = value.split(',').map(Number);
  const [west, south, east, north] = parts;
  if (
    parts.length !== 4 ||
    parts.some((n) => !Number.isFinite(n)) ||
    west === undefined ||
    south === undefined ||
    east === undefined ||
    north === undefined ||
    west >= east ||
    south >= north ||
    west < -180 ||
    east > 180 ||
    south < -90 ||
    north > 90
  ) {
    ctx.addIssue({
      code: 'custom',
      message: 'bbox must be "west,south,east,north" in degrees, west < east, south < north',
    });
    return z.NEVER;
  }
  return { west, south, east, north };
});

export const areaLevelParam = z.enum(['city', 'county', 'town', 'village']);

/** Read a URL's search params into a plain object for zod. */
export function searchParamsOf(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}

/**
 * The map filter from a request's search params. The period must be of the one date grammar
 * (lib/http/date-range.ts: a 400 naming the field otherwise); unknown codes in the lists are dropped.
 */
export function filterOf(request: Request) {
  const params = new URL(request.url).searchParams;
  assertPeriod(params.get('from'), params.get('to'));
  return parseFilter((key) => params.get(key));
}

export const zoomParam = z.coerce.number().min(0).max(22);

/** `sel=lng,lat;lng,lat;…` → a closed ring of 3–200 vertices. */
export const ringParam = z.string().transform((value, ctx) => {
  const ring = parseRing(value);
  if (!ring) {
    ctx.addIssue({ code: 'custom', message: 'sel must be 3–200 "lng,lat" pairs separated by ";"' });
    return z.NEVER;
  }
  return ring;
});
