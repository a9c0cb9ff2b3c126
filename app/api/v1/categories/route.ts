import { jsonResponse } from '@/lib/http/json-response';
import { route } from '@/lib/http/route.server';
import { listIntakeCategories } from '@/lib/intake/list-intake-categories.server';

/** GET → active categories for the report form (misconduct categories flagged). */
export const GET = route({ auth: 'public' }, async ({ db }) =>
  jsonResponse(
    { categories: await listIntakeCategories(db) },
    { headers: { 'cache-control': 'public, max-age=300' } },
  ),
);
