import 'server-only';
import type { DbOrTx } from '@/db/client';
import { type IntakeCategory, listActiveCategories } from '@/db/queries/intake';

/** Categories a resident may choose from (both levels, in display order). */
export async function listIntakeCategories(db: DbOrTx): Promise<IntakeCategory[]> {
  return listActiveCategories(db);
}
