import 'server-only';
import type { Db } from '@/db/client';
import { usernameTaken } from '@/db/queries/admin';
import { insertUsers } from '@/db/queries/users';
import { AUDIT } from '@/lib/audit/actions';
import { writeAudit } from '@/lib/audit/write-audit.server';
import { hashPassword } from '@/lib/auth/password';
import { assertCan } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { newUserInput } from './admin-input';
import { bindingFor } from './bind-user.server';
import { fieldError } from './field-error';

/** Create a staff account with its role, jurisdiction binding and first password; audited (never the password). */
export async function createUser(
  db: Db,
  actor: AuthUser,
  params: { input: unknown; ip?: string | null; now?: Date },
) {
  assertCan(actor, 'user.manage');
  const input = newUserInput.parse(params.input);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    if (await usernameTaken(tx, { username: input.username })) {
      throw fieldError('username', 'usernameTaken', input.username);
    }
    const binding = await bindingFor(tx, input);
    const row = {
      username: input.username,
      displayName: input.displayName,
      role: input.role,
      phone: input.phone || null,
      ...binding,
    };
    const [id] = await insertUsers(tx, { users: [{ ...row, passwordHash }] });
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: AUDIT.userPermissionChange,
      targetType: 'user',
      targetId: id!,
      data: { op: 'create', before: null, after: { id, ...row } },
      ip: params.ip ?? null,
      at: params.now,
    });
    return { id: id! };
  });
}
