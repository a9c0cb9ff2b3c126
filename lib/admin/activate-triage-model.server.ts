import 'server-only';
import type { Db } from '@/db/client';
import { activateTriageModel, getTriageModel } from '@/db/queries/triage';
import { AUDIT } from '@/lib/audit/actions';
import { writeAudit } from '@/lib/audit/write-audit.server';
import { assertCan } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { AppError } from '@/lib/http/errors';
import { resetTriageSuggesterCache } from '@/lib/triage/get-triage-suggester.server';
import { deserializeTextClassifier, type SerializedTextClassifier } from '@/lib/triage/text-classifier';

/**
 * Make a stored version of the category suggester the active one (rollback to a retired version, or
 * promoting a candidate by hand), with its `config.change` audit record, in one transaction. Every
 * process picks the switch up within a minute; this one at once.
 */
export async function activateTriageModelVersion(
  db: Db,
  actor: AuthUser,
  params: { id: number; ip?: string | null; now?: Date },
) {
  assertCan(actor, 'config.manage');
  const now = params.now ?? new Date();
  await db.transaction(async (tx) => {
    const row = await getTriageModel(tx, params.id);
    if (!row) throw new AppError('NOT_FOUND', `No triage model ${params.id}`);
    try {
      deserializeTextClassifier(row.model as unknown as SerializedTextClassifier);
    } catch {
      throw new AppError('VALIDATION', 'This model version is in a format this release cannot use');
    }
    if (row.status === 'active') return;
    await activateTriageModel(tx, { id: params.id, at: now });
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: AUDIT.configChange,
      targetType: 'triage_model',
      targetId: String(params.id),
      data: { op: 'activate', before: { status: row.status }, after: { status: 'active' } },
      ip: params.ip ?? null,
      at: now,
    });
  });
  resetTriageSuggesterCache();
  return { id: params.id };
}
