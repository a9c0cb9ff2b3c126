import 'server-only';
import type { DbOrTx } from '@/db/client';
import { deleteSession } from '@/db/queries/sessions';
import { hashSessionToken, isWellFormedToken } from './session';

/** End the session behind a cookie token: its row is deleted. Unknown tokens are ignored. */
export async function logout(db: DbOrTx, input: { token: string | undefined }): Promise<void> {
  if (!isWellFormedToken(input.token)) return;
  await deleteSession(db, { id: hashSessionToken(input.token) });
}
