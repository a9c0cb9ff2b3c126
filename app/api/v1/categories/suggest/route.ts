import { jsonResponse } from '@/lib/http/json-response';
import { route } from '@/lib/http/route.server';
import { categorySuggestBody, categorySuggestInput, SUGGEST_BODY_TEXT_MAX } from '@/lib/intake/helper-input';
import { NO_STORE } from '@/lib/intake/http';
import { INTAKE_RATE_RULES } from '@/lib/intake/rate-rules';
import { suggestCategories } from '@/lib/intake/suggest-categories.server';

const rate = { key: 'suggest', rule: INTAKE_RATE_RULES.suggestPerAddress };

/** GET ?text=&kind= → the keyword rule that matches and the classifier's top categories with probabilities. */
export const GET = route({ auth: 'public', rate, query: categorySuggestInput }, async ({ db, query }) =>
  jsonResponse(await suggestCategories(db, query), { headers: NO_STORE }),
);

/** POST {text, kind?} (text up to 20,000 characters) → the same answer as GET, under the same limit. */
export const POST = route(
  {
    auth: 'public',
    sameOrigin: false,
    rate,
    body: categorySuggestBody,
    // A body of SUGGEST_BODY_TEXT_MAX characters even when every one is sent as a \u escape.
    json: { requireType: true, maxBytes: SUGGEST_BODY_TEXT_MAX * 6 + 1024 },
  },
  async ({ db, body }) => jsonResponse(await suggestCategories(db, body), { headers: NO_STORE }),
);
