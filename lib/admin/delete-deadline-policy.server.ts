import 'server-only';
import type { Db } from '@/db/client';
import { deleteDeadlinePolicyRow, getDeadlinePolicyRow } from '@/db/queries/admin';
import { AUDIT } from '@/lib/audit/actions';
import { writeAudit } from '@/lib/audit/write-audit.server';
import { assertCan } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { AppError } from '@/lib/http/errors';
import { configChanged } from './config-changed.server';
import { fieldError } from './field-error';

/** Remove a deadline policy (audited). The catch-all policy (any category, tier, urgency) stays. */
export async function deleteDeadlinePolicy(
  db: Db,
  actor: AuthUser,
  params: { id: number; ip?: string | null; now?: Date },
) {
  assertCan(actor, 'config.manage');
  const result = await db.transaction(async (tx) => {
    const before = await getDeadlinePolicyRow(tx, { id: params.id });
    if (!before) throw new AppError('NOT_FOUND', `No deadline policy ${params.id}`);
    if (!before.categoryCode && !before.tier && !before.urgencyCode)
      throw fieldError('id', 'policyDefaultKept');
    await deleteDeadlinePolicyRow(tx, { id: params.id });
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: AUDIT.configChange,
      targetType: 'deadline_policy',
      targetId: params.id,
      data: { op: 'delete', before, after: null },
      ip: params.ip ?? null,
      at: params.now,
    });
    return { id: params.id };
  });
  configChanged();
  return result;
}
