import { connection } from 'next/server';
import { getDb } from '@/db/client';
import { toErrorResponse } from '@/lib/http/errors';
import { jsonResponse } from '@/lib/http/json-response';
import { enforceRate } from '@/lib/http/rate-store.server';
import {
  categorySuggestBody,
  categorySuggestInput,
  queryObject,
  SUGGEST_BODY_TEXT_MAX,
} from '@/lib/intake/helper-input';
import { clientAddress, NO_STORE, readJsonBody } from '@/lib/intake/http';
import { INTAKE_RATE_RULES } from '@/lib/intake/rate-rules';
import { suggestCategories } from '@/lib/intake/suggest-categories.server';

/** A body of SUGGEST_BODY_TEXT_MAX characters even when every one is sent as a \u escape. */
const BODY_MAX_BYTES = SUGGEST_BODY_TEXT_MAX * 6 + 1024;

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

/** POST {text, kind?} (text up to 20,000 characters) → the same answer as GET, under the same limit. */
export async function POST(request: Request) {
  await connection();
  try {
    await enforceRate(`suggest:${clientAddress(request)}`, INTAKE_RATE_RULES.suggestPerAddress);
    const input = categorySuggestBody.parse(await readJsonBody(request, BODY_MAX_BYTES));
    return jsonResponse(await suggestCategories(await getDb(), input), { headers: NO_STORE });
  } catch (error) {
    return toErrorResponse(error);
  }
}
