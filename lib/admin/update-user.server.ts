import 'server-only';
import type { Db } from '@/db/client';
import { getUserRow, updateUserRow, usernameTaken } from '@/db/queries/admin';
import { deleteUserSessions } from '@/db/queries/sessions';
import { AUDIT } from '@/lib/audit/actions';
import { writeAudit } from '@/lib/audit/write-audit.server';
import { assertCan } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { AppError } from '@/lib/http/errors';
import { userInput } from './admin-input';
import { bindingFor } from './bind-user.server';
import { fieldError } from './field-error';

/**
 * Change an account's name, role or jurisdiction binding, audited as `user.permission_change`, in one
 * transaction. A changed role or binding ends all of that user's sessions (they sign in again under
 * the new permissions). Admins cannot change their own role or binding (no locking oneself out).
 */
export async function updateUser(
  db: Db,
  actor: AuthUser,
  params: { id: number; input: unknown; ip?: string | null; now?: Date },
) {
  assertCan(actor, 'user.manage');
  const input = userInput.parse(params.input);
  return db.transaction(async (tx) => {
    const old = await getUserRow(tx, { id: params.id });
    if (!old) throw new AppError('NOT_FOUND', `No user ${params.id}`);
    if (await usernameTaken(tx, { username: input.username, exceptId: params.id })) {
      throw fieldError('username', 'usernameTaken', input.username);
    }
    const binding = await bindingFor(tx, input);
    const permissionChanged =
      old.role !== input.role ||
      old.divisionCode !== binding.divisionCode ||
      old.officeId !== binding.officeId ||
      old.gridId !== binding.gridId;
    if (permissionChanged && old.id === actor.id) throw fieldError('role', 'selfChange');
    const row = {
      username: input.username,
      displayName: input.displayName,
      role: input.role,
      phone: input.phone || null,
      ...binding,
    };
    await updateUserRow(tx, { id: params.id, set: row });
    if (permissionChanged) await deleteUserSessions(tx, { userId: params.id });
    const before = {
      username: old.username,
      displayName: old.displayName,
      role: old.role,
      phone: old.phone,
      divisionCode: old.divisionCode,
      officeId: old.officeId,
      gridId: old.gridId,
    };
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: AUDIT.userPermissionChange,
      targetType: 'user',
      targetId: params.id,
      data: { op: 'update', before, after: row, sessionsEnded: permissionChanged },
      ip: params.ip ?? null,
      at: params.now,
    });
    return { id: params.id, sessionsEnded: permissionChanged };
  });
}
