import 'server-only';
import type { DbOrTx } from '@/db/client';
import { listSurgeCategories } from '@/db/queries/alerts';

/** The level-1 categories alerts are computed for, with their Chinese names (the subscription picker). */
export async function listSurgeCategoryNames(db: DbOrTx): Promise<{ code: string; name: string }[]> {
  return (await listSurgeCategories(db)).map((c) => ({ code: c.code, name: c.name_zh }));
}
