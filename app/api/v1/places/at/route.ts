import { connection } from 'next/server';
import { getDb } from '@/db/client';
import { toErrorResponse } from '@/lib/http/errors';
import { jsonResponse } from '@/lib/http/json-response';
import { enforceRate } from '@/lib/http/rate-store.server';
import { queryObject } from '@/lib/intake/helper-input';
import { clientAddress, NO_STORE } from '@/lib/intake/http';
import { locatePlace } from '@/lib/intake/locate-place.server';
import { placeAtInput } from '@/lib/intake/place-input';
import { INTAKE_RATE_RULES } from '@/lib/intake/rate-rules';

/** GET ?lng=&lat=&datum= or ?building= → {place: county, town, village names and the nearest building, or null}. */
export async function GET(request: Request) {
  await connection();
  try {
    await enforceRate(`search:${clientAddress(request)}`, INTAKE_RATE_RULES.searchPerAddress);
    const input = placeAtInput.parse(queryObject(request.url));
    const place = await locatePlace(await getDb(), input);
    return jsonResponse({ place }, { headers: NO_STORE });
  } catch (error) {
    return toErrorResponse(error);
  }
}
