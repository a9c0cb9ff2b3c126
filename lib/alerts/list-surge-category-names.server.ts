import 'server-only';
import type { DbOrTx } from '@/db/client';
import { listSurgeCategories } from '@/db/queries/alerts';

/** The level-1 categories alerts are computed for, named in the reader's language (the subscription picker). */
export async function listSurgeCategoryNames(
  db: DbOrTx,
  locale: string,
): Promise<{ code: string; name: string }[]> {
  return (await listSurgeCategories(db)).map((c) => ({
    code: c.code,
    name: locale === 'en' ? c.name_en : c.name_zh,
  }));
}
