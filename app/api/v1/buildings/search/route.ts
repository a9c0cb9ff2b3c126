import { jsonResponse } from '@/lib/http/json-response';
import { route } from '@/lib/http/route.server';
import { buildingSearchInput } from '@/lib/intake/helper-input';
import { NO_STORE } from '@/lib/intake/http';
import { INTAKE_RATE_RULES } from '@/lib/intake/rate-rules';
import { searchBuildings } from '@/lib/intake/search-buildings.server';

/** GET ?q=&lng=&lat=&datum= → buildings whose address matches (address, village, centre only). */
export const GET = route(
  {
    auth: 'public',
    rate: { key: 'search', rule: INTAKE_RATE_RULES.searchPerAddress },
    query: buildingSearchInput,
  },
  async ({ db, query }) =>
    jsonResponse({ buildings: await searchBuildings(db, query) }, { headers: NO_STORE }),
);
