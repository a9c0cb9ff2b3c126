import 'server-only';
import type { Db } from '@/db/client';
import { getOfficeRow, listInactiveOfficeIds, saveInactiveOfficeIds } from '@/db/queries/admin';
import { AUDIT } from '@/lib/audit/actions';
import { writeAudit } from '@/lib/audit/write-audit.server';
import { assertCan } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { AppError } from '@/lib/http/errors';
import { configChanged } from './config-changed.server';

/**
 * Deactivate (or reactivate) an office. A deactivated office keeps its history and open cases, but
 * the routing engine no longer sends it new ones (rules naming it find no office → manual dispatch,
 * and it is skipped as "the office of that tier") and no account or rule can be bound to it.
 * Stored as the setting `offices.inactive` (the offices table has no status column). Audited.
 */
export async function setOfficeActive(
  db: Db,
  actor: AuthUser,
  params: { id: number; active: boolean; ip?: string | null; now?: Date },
) {
  assertCan(actor, 'config.manage');
  const now = params.now ?? new Date();
  const result = await db.transaction(async (tx) => {
    const office = await getOfficeRow(tx, { id: params.id, lock: true });
    if (!office) throw new AppError('NOT_FOUND', `No office ${params.id}`);
    const inactive = new Set(await listInactiveOfficeIds(tx));
    const wasActive = !inactive.has(params.id);
    if (params.active) inactive.delete(params.id);
    else inactive.add(params.id);
    await saveInactiveOfficeIds(tx, { ids: [...inactive], userId: actor.id, now });
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: AUDIT.configChange,
      targetType: 'office',
      targetId: params.id,
      data: {
        op: params.active ? 'activate' : 'deactivate',
        before: { active: wasActive },
        after: { active: params.active },
      },
      ip: params.ip ?? null,
      at: now,
    });
    return { id: params.id, active: params.active };
  });
  configChanged();
  return result;
}
