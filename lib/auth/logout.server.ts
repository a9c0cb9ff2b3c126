import 'server-only';
import type { DbOrTx } from '@/db/client';
import { deleteSession } from '@/db/queries/sessions';
import { AUDIT } from '@/lib/audit/actions';
import { writeAudit } from '@/lib/audit/write-audit.server';
import { hashSessionToken, isWellFormedToken } from './session';

/**
 * End the session behind a cookie token: its row is deleted and the logout audited, in one
 * transaction. Unknown tokens are ignored (and not audited).
 */
export async function logout(
  db: DbOrTx,
  input: { token: string | undefined; ip?: string | null; now?: Date },
): Promise<void> {
  const token = input.token;
  if (!isWellFormedToken(token)) return;
  await db.transaction(async (tx) => {
    const userId = await deleteSession(tx, { id: hashSessionToken(token) });
    if (userId === null) return;
    await writeAudit(tx, {
      actorUserId: userId,
      action: AUDIT.authLogout,
      targetType: 'user',
      targetId: userId,
      ip: input.ip ?? null,
      at: input.now,
    });
  });
}
