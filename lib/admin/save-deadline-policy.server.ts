import 'server-only';
import type { Db } from '@/db/client';
import {
  findSameDeadlinePolicy,
  getDeadlinePolicyRow,
  insertDeadlinePolicyRow,
  listExistingCategoryCodes,
  updateDeadlinePolicyRow,
} from '@/db/queries/admin';
import { AUDIT } from '@/lib/audit/actions';
import { writeAudit } from '@/lib/audit/write-audit.server';
import { assertCan } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { AppError } from '@/lib/http/errors';
import { type DeadlinePolicyInput, deadlinePolicyInput } from './admin-input';
import { configChanged } from './config-changed.server';
import { fieldError } from './field-error';

/**
 * Create or edit a 时限规则 (category, tier, urgency → dispatch hours, first-reply and resolve days,
 * working or calendar days), audited, in one transaction. One policy per (category, tier, urgency);
 * deadline maths (lib/sla) reads the table for every new case, so the next case uses it.
 */
export async function saveDeadlinePolicy(
  db: Db,
  actor: AuthUser,
  params: { id?: number; input: DeadlinePolicyInput; ip?: string | null; now?: Date },
) {
  assertCan(actor, 'config.manage');
  const input = deadlinePolicyInput.parse(params.input);
  if (input.firstReplyDays > input.resolveDays) throw fieldError('firstReplyDays', 'replyAfterResolve');
  const result = await db.transaction(async (tx) => {
    if (input.categoryCode && (await listExistingCategoryCodes(tx, [input.categoryCode])).length === 0) {
      throw fieldError('categoryCode', 'categoryUnknown', input.categoryCode);
    }
    const row = {
      categoryCode: input.categoryCode ?? null,
      tier: input.tier ?? null,
      urgencyCode: input.urgencyCode ?? null,
      dispatchHours: input.dispatchHours,
      firstReplyDays: input.firstReplyDays,
      resolveDays: input.resolveDays,
      workingDays: input.workingDays,
      note: input.note || null,
    };
    const same = await findSameDeadlinePolicy(tx, { ...row, exceptId: params.id });
    if (same !== null) throw fieldError('categoryCode', 'policyDuplicate', `#${same}`);
    let id: number;
    let before: Awaited<ReturnType<typeof getDeadlinePolicyRow>> = null;
    if (params.id === undefined) {
      id = await insertDeadlinePolicyRow(tx, row);
    } else {
      before = await getDeadlinePolicyRow(tx, { id: params.id });
      if (!before) throw new AppError('NOT_FOUND', `No deadline policy ${params.id}`);
      id = params.id;
      await updateDeadlinePolicyRow(tx, { id, set: row });
    }
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: AUDIT.configChange,
      targetType: 'deadline_policy',
      targetId: id,
      data: { op: before ? 'update' : 'create', before, after: { id, ...row } },
      ip: params.ip ?? null,
      at: params.now,
    });
    return { id };
  });
  configChanged();
  return result;
}
