import { connection } from 'next/server';
import { getDb } from '@/db/client';
import { toErrorResponse } from '@/lib/http/errors';
import { jsonResponse } from '@/lib/http/json-response';
import { categorySuggestInput, queryObject } from '@/lib/intake/helper-input';
import { clientAddress, NO_STORE } from '@/lib/intake/http';
import { INTAKE_RATE_RULES } from '@/lib/intake/rate-limit';
import { enforceRate } from '@/lib/intake/rate-store.server';
import { suggestCategories } from '@/lib/intake/suggest-categories.server';

/** GET ?text=&kind= → the keyword rule that matches and the classifier's top categories with probabilities. */
export async function GET(request: Request) {
  await connection();
  try {
    await enforceRate(`suggest:${clientAddress(request)}`, INTAKE_RATE_RULES.suggestPerAddress);
    const input = categorySuggestInput.parse(queryObject(request.url));
    return jsonResponse(await suggestCategories(await getDb(), input), { headers: NO_STORE });
  } catch (error) {
    return toErrorResponse(error);
  }
}
