import { jsonResponse } from '@/lib/http/json-response';
import { route } from '@/lib/http/route.server';
import { NO_STORE } from '@/lib/intake/http';
import { locatePlace } from '@/lib/intake/locate-place.server';
import { placeAtInput } from '@/lib/intake/place-input';
import { INTAKE_RATE_RULES } from '@/lib/intake/rate-rules';

/** GET ?lng=&lat=&datum= or ?building= → {place: county, town, village names and the nearest building, or null}. */
export const GET = route(
  { auth: 'public', rate: { key: 'search', rule: INTAKE_RATE_RULES.searchPerAddress }, query: placeAtInput },
  async ({ db, query }) => jsonResponse({ place: await locatePlace(db, query) }, { headers: NO_STORE }),
);
