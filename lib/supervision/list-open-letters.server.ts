import 'server-only';
import type { DbOrTx } from '@/db/client';
import { listLetters } from '@/db/queries/supervision';
import { can } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { letterScope } from './letter-scope';

/** Letters addressed to the handler's office still awaiting an answer (the inbox badge); none for other roles. */
export async function listOpenLetters(db: DbOrTx, params: { user: AuthUser }) {
  if (!can(params.user, 'letter.answer')) return [];
  return listLetters(db, { scope: letterScope(params.user), unansweredOnly: true, limit: 50 });
}
