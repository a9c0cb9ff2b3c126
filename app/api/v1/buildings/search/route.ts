import { connection } from 'next/server';
import { getDb } from '@/db/client';
import { toErrorResponse } from '@/lib/http/errors';
import { jsonResponse } from '@/lib/http/json-response';
import { enforceRate } from '@/lib/http/rate-store.server';
import { buildingSearchInput, queryObject } from '@/lib/intake/helper-input';
import { clientAddress, NO_STORE } from '@/lib/intake/http';
import { INTAKE_RATE_RULES } from '@/lib/intake/rate-rules';
import { searchBuildings } from '@/lib/intake/search-buildings.server';

/** GET ?q=&lng=&lat=&datum= → buildings whose address matches (address, village, centre only). */
export async function GET(request: Request) {
  await connection();
  try {
    await enforceRate(`search:${clientAddress(request)}`, INTAKE_RATE_RULES.searchPerAddress);
    const input = buildingSearchInput.parse(queryObject(request.url));
    const buildings = await searchBuildings(await getDb(), input);
    return jsonResponse({ buildings }, { headers: NO_STORE });
  } catch (error) {
    return toErrorResponse(error);
  }
}
