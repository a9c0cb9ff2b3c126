import 'server-only';
import type { Db } from '@/db/client';
import { deleteCalendarDayRow, getCalendarDayRow } from '@/db/queries/admin';
import { AUDIT } from '@/lib/audit/actions';
import { writeAudit } from '@/lib/audit/write-audit.server';
import { assertCan } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { AppError } from '@/lib/http/errors';
import { configChanged } from './config-changed.server';

/** Remove a calendar exception (the day becomes an ordinary weekday or weekend day again), audited. */
export async function deleteCalendarDay(
  db: Db,
  actor: AuthUser,
  params: { day: string; ip?: string | null; now?: Date },
) {
  assertCan(actor, 'config.manage');
  const result = await db.transaction(async (tx) => {
    const before = await getCalendarDayRow(tx, { day: params.day });
    if (!before) throw new AppError('NOT_FOUND', `No calendar exception on ${params.day}`);
    await deleteCalendarDayRow(tx, { day: params.day });
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: AUDIT.configChange,
      targetType: 'calendar_day',
      targetId: params.day,
      data: { op: 'delete', before, after: null },
      ip: params.ip ?? null,
      at: params.now,
    });
    return { day: params.day };
  });
  configChanged();
  return result;
}
