import 'server-only';
import type { Db } from '@/db/client';
import { deleteRoutingRuleRow, getRoutingRuleRow } from '@/db/queries/admin';
import { AUDIT } from '@/lib/audit/actions';
import { writeAudit } from '@/lib/audit/write-audit.server';
import { assertCan } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { AppError } from '@/lib/http/errors';
import { configChanged } from './config-changed.server';

/** Remove a routing rule (audited); complaints it matched fall back to a wider rule or manual dispatch. */
export async function deleteRoutingRule(
  db: Db,
  actor: AuthUser,
  params: { id: number; ip?: string | null; now?: Date },
) {
  assertCan(actor, 'config.manage');
  const result = await db.transaction(async (tx) => {
    const before = await getRoutingRuleRow(tx, { id: params.id });
    if (!before) throw new AppError('NOT_FOUND', `No routing rule ${params.id}`);
    await deleteRoutingRuleRow(tx, { id: params.id });
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: AUDIT.configChange,
      targetType: 'routing_rule',
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
