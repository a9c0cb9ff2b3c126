import { connection } from 'next/server';
import { getDb } from '@/db/client';
import { toErrorResponse } from '@/lib/http/errors';
import { jsonResponse } from '@/lib/http/json-response';
import { listIntakeCategories } from '@/lib/intake/list-intake-categories.server';

/** GET → active categories for the report form (misconduct categories flagged). */
export async function GET() {
  await connection();
  try {
    const categories = await listIntakeCategories(await getDb());
    return jsonResponse({ categories }, { headers: { 'cache-control': 'public, max-age=300' } });
  } catch (error) {
    return toErrorResponse(error);
  }
}
