import 'server-only';
import type { Db } from '@/db/client';
import { getUserRow, updateUserRow } from '@/db/queries/admin';
import { deleteUserSessions } from '@/db/queries/sessions';
import { AUDIT } from '@/lib/audit/actions';
import { writeAudit } from '@/lib/audit/write-audit.server';
import { assertCan } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { AppError } from '@/lib/http/errors';
import { fieldError } from './field-error';

/**
 * Lock an account (disabled: it cannot sign in and its sessions end at once) or unlock it (enabled
 * again, and any lockout after failed logins cleared). Audited as `user.permission_change`.
 */
export async function setUserLocked(
  db: Db,
  actor: AuthUser,
  params: { id: number; locked: boolean; ip?: string | null; now?: Date },
) {
  assertCan(actor, 'user.manage');
  const now = params.now ?? new Date();
  if (params.id === actor.id && params.locked) throw fieldError('locked', 'selfChange');
  return db.transaction(async (tx) => {
    const old = await getUserRow(tx, { id: params.id });
    if (!old) throw new AppError('NOT_FOUND', `No user ${params.id}`);
    if (params.locked) {
      await updateUserRow(tx, { id: params.id, set: { disabledAt: old.disabledAt ?? now } });
      await deleteUserSessions(tx, { userId: params.id });
    } else {
      await updateUserRow(tx, {
        id: params.id,
        set: { disabledAt: null, lockedUntil: null, failedLogins: 0, lastFailedLoginAt: null },
      });
    }
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: AUDIT.userPermissionChange,
      targetType: 'user',
      targetId: params.id,
      data: {
        op: params.locked ? 'lock' : 'unlock',
        before: { disabledAt: old.disabledAt, lockedUntil: old.lockedUntil, failedLogins: old.failedLogins },
      },
      ip: params.ip ?? null,
      at: now,
    });
    return { id: params.id, locked: params.locked };
  });
}
