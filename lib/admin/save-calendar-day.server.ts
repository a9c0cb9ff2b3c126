import 'server-only';
import type { Db } from '@/db/client';
import { getCalendarDayRow, upsertCalendarDayRow } from '@/db/queries/admin';
import { AUDIT } from '@/lib/audit/actions';
import { writeAudit } from '@/lib/audit/write-audit.server';
import { assertCan } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { type CalendarDayInput, calendarDayInput } from './admin-input';
import { configChanged } from './config-changed.server';

/**
 * Add or change one calendar exception (a public holiday, or a weekend day worked as 调休), audited,
 * in one transaction. Deadline maths reads `calendar_days` for every new deadline (lib/sla has no
 * cache), so deadlines computed after the save count with it; stored deadlines stay as computed.
 */
export async function saveCalendarDay(
  db: Db,
  actor: AuthUser,
  params: { input: CalendarDayInput; ip?: string | null; now?: Date },
) {
  assertCan(actor, 'config.manage');
  const input = calendarDayInput.parse(params.input);
  const result = await db.transaction(async (tx) => {
    const before = await getCalendarDayRow(tx, { day: input.day });
    await upsertCalendarDayRow(tx, input);
    await writeAudit(tx, {
      actorUserId: actor.id,
      action: AUDIT.configChange,
      targetType: 'calendar_day',
      targetId: input.day,
      data: { op: before ? 'update' : 'create', before, after: input },
      ip: params.ip ?? null,
      at: params.now,
    });
    return { day: input.day };
  });
  configChanged();
  return result;
}
