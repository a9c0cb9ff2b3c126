import 'server-only';
import type { DbOrTx } from '@/db/client';
import { getLetter, type LetterRow } from '@/db/queries/supervision';
import type { AuthUser } from '@/lib/auth/types';
import { AppError } from '@/lib/http/errors';
import { letterScope } from './letter-scope';

/** One 督办函 for its reader: an inspector of the case's jurisdiction or a handler of the letter's office; else NOT_FOUND. */
export async function requireLetter(db: DbOrTx, params: { user: AuthUser; id: number }): Promise<LetterRow> {
  const letter = await getLetter(db, { scope: letterScope(params.user), id: params.id });
  if (!letter) throw new AppError('NOT_FOUND', 'Letter not found');
  return letter;
}
