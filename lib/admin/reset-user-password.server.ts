import 'server-only';
import { randomInt } from 'node:crypto';
import type { Db } from '@/db/client';
import { getUserRow, updateUserRow } from '@/db/queries/admin';
import { deleteUserSessions } from '@/db/queries/sessions';
import { AUDIT } from '@/lib/audit/actions';
import { writeAudit } from '@/lib/audit/write-audit.server';
import { hashPassword } from '@/lib/auth/password';
import { assertCan } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { AppError } from '@/lib/http/errors';

/** Letters and digits without look-alikes (0/O, 1/l/I). */
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789';

export function temporaryPassword(length = 12): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

/**
 * Give an account a new random password (returned once, for the admin to hand over; never stored or
 * audited in clear), clear its lockout and end its sessions. Audited as `user.permission_change`.
 */
export async function resetUserPassword(
  db: Db,
  actor: AuthUser,
  params: { id: number; ip?: string | null; now?: Date },
) {
  assertCan(actor, 'user.manage');
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const old = await getUserRow(tx, { id: params.id });
    if (!old) throw new AppError('NOT_FOUND', `No user ${params.id}`);
    await updateUserRow(tx, {
      id: params.id,
      set: { passwordHash, failedLogins: 0, lockedUntil: null, lastFailedLoginAt: null },
    });
    await deleteUserSessions(tx, { userId: params.id });
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: AUDIT.userPermissionChange,
      targetType: 'user',
      targetId: params.id,
      data: { op: 'reset_password', username: old.username },
      ip: params.ip ?? null,
      at: params.now,
    });
    return { id: params.id, password };
  });
}
