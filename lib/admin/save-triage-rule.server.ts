import 'server-only';
import type { Db } from '@/db/client';
import { listExistingCategoryCodes } from '@/db/queries/admin';
import { getTriageRuleRow, insertTriageRuleRow, updateTriageRuleRow } from '@/db/queries/triage-rules';
import { AUDIT } from '@/lib/audit/actions';
import { writeAudit } from '@/lib/audit/write-audit.server';
import { assertCan } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { AppError } from '@/lib/http/errors';
import { type TriageRuleInput, triageRuleInput } from './admin-input';
import { configChanged } from './config-changed.server';
import { fieldError } from './field-error';

/**
 * Create (`mode: 'create'`) or edit a 研判 keyword rule, with its `config.change` audit record, in one
 * transaction; the process's cached rules are dropped after the commit, so the next complaint is
 * triaged with the saved rules.
 */
export async function saveTriageRule(
  db: Db,
  actor: AuthUser,
  params: { mode: 'create' | 'update'; input: TriageRuleInput; ip?: string | null; now?: Date },
) {
  assertCan(actor, 'config.manage');
  const input = triageRuleInput.parse(params.input);
  const now = params.now ?? new Date();
  const saved = await db.transaction(async (tx) => {
    if (input.categoryCode && (await listExistingCategoryCodes(tx, [input.categoryCode])).length === 0) {
      throw fieldError('categoryCode', 'categoryUnknown', input.categoryCode);
    }
    const before = await getTriageRuleRow(tx, { id: input.id, lock: true });
    const row = {
      name: input.name,
      keywords: input.keywords,
      urgencyCode: input.urgencyCode ?? null,
      categoryCode: input.categoryCode ?? null,
      requires: input.requires,
      excludes: input.excludes,
      active: input.active,
      updatedByUserId: actor.id,
      updatedAt: now,
    };
    if (params.mode === 'create') {
      if (before) throw fieldError('id', 'slugTaken', input.id);
      await insertTriageRuleRow(tx, { id: input.id, ...row });
    } else {
      if (!before) throw new AppError('NOT_FOUND', `No triage rule ${input.id}`);
      await updateTriageRuleRow(tx, { id: input.id, set: row });
    }
    const after = { id: input.id, ...row, updatedAt: undefined, updatedByUserId: undefined };
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: AUDIT.configChange,
      targetType: 'triage_rule',
      targetId: input.id,
      data: {
        op: params.mode,
        before: before ? { ...before, updatedAt: undefined, updatedByUserId: undefined } : null,
        after,
      },
      ip: params.ip ?? null,
      at: now,
    });
    return { id: input.id };
  });
  configChanged();
  return saved;
}
