import 'server-only';
import type { Db, DbOrTx } from '@/db/client';
import {
  divisionExists,
  getRoutingRuleRow,
  insertRoutingRuleRow,
  listExistingCategoryCodes,
  listInactiveOfficeIds,
  listOfficeIdsIn,
  updateRoutingRuleRow,
} from '@/db/queries/admin';
import { AUDIT } from '@/lib/audit/actions';
import { writeAudit } from '@/lib/audit/write-audit.server';
import { assertCan } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { AppError } from '@/lib/http/errors';
import { type RoutingRuleInput, routingRuleInput } from './admin-input';
import { configChanged } from './config-changed.server';
import { fieldError } from './field-error';

async function checkReferences(tx: DbOrTx, input: RoutingRuleInput): Promise<void> {
  if ((await listExistingCategoryCodes(tx, [input.categoryCode])).length === 0) {
    throw fieldError('categoryCode', 'categoryUnknown', input.categoryCode);
  }
  if (input.divisionCode && !(await divisionExists(tx, input.divisionCode))) {
    throw fieldError('divisionCode', 'divisionUnknown', input.divisionCode);
  }
  const ids = [...(input.officeId ? [input.officeId] : []), ...input.coOfficeIds];
  const known = new Set(await listOfficeIdsIn(tx, ids));
  const inactive = new Set(await listInactiveOfficeIds(tx));
  if (input.officeId && (!known.has(input.officeId) || inactive.has(input.officeId))) {
    throw fieldError('officeId', known.has(input.officeId) ? 'officeInactive' : 'officeUnknown');
  }
  const badCo = input.coOfficeIds.find((id) => !known.has(id) || inactive.has(id));
  if (badCo) throw fieldError('coOfficeIds', known.has(badCo) ? 'officeInactive' : 'officeUnknown');
}

/**
 * Create or edit a 权责匹配 rule (category × tier × division → office, co-handling offices,
 * priority), with its `config.change` audit record, in one transaction. The routing engine reads
 * the table for every complaint, so the next complaint is routed by the saved table.
 */
export async function saveRoutingRule(
  db: Db,
  actor: AuthUser,
  params: { id?: number; input: RoutingRuleInput; ip?: string | null; now?: Date },
) {
  const result = await db.transaction((tx) => saveRoutingRuleIn(tx, actor, params));
  configChanged();
  return result;
}

/** The same inside the caller's transaction (a routing amendment saves several rules at once); the caller calls `configChanged()` after commit. */
export async function saveRoutingRuleIn(
  tx: DbOrTx,
  actor: AuthUser,
  params: { id?: number; input: RoutingRuleInput; ip?: string | null; now?: Date },
): Promise<{ id: number }> {
  assertCan(actor, 'config.manage');
  const input = routingRuleInput.parse(params.input);
  {
    await checkReferences(tx, input);
    const row = {
      categoryCode: input.categoryCode,
      tier: input.tier,
      divisionCode: input.divisionCode ?? null,
      officeId: input.officeId ?? null,
      coOfficeIds: [...new Set(input.coOfficeIds)],
      priority: input.priority,
      note: input.note || null,
    };
    let id: number;
    let before: Awaited<ReturnType<typeof getRoutingRuleRow>> = null;
    if (params.id === undefined) {
      id = await insertRoutingRuleRow(tx, row);
    } else {
      before = await getRoutingRuleRow(tx, { id: params.id });
      if (!before) throw new AppError('NOT_FOUND', `No routing rule ${params.id}`);
      id = params.id;
      await updateRoutingRuleRow(tx, { id, set: row });
    }
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: AUDIT.configChange,
      targetType: 'routing_rule',
      targetId: id,
      data: { op: before ? 'update' : 'create', before, after: { id, ...row } },
      ip: params.ip ?? null,
      at: params.now,
    });
    return { id };
  }
}
