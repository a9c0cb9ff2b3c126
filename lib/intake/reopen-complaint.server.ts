import 'server-only';
import type { Db } from '@/db/client';
import { insertEvent, setComplaintStatus } from '@/db/queries/intake';
import { AppError } from '@/lib/http/errors';
import { reopenInput } from './submit-input';
import { type PublicTimeline, requireTrackedComplaint, toPublicTimeline } from './track-complaint.server';

/**
 * 重新办理: after an unsatisfied rating the resident sends the complaint back to the office that
 * resolved it (status resolved/closed → reopened, reopen_count + 1, a public 'reopened' event addressed to
 * that office). The workflow picks reopened complaints up from there (new deadlines, reminders).
 */
export async function reopenComplaint(
  db: Db,
  raw: unknown,
  options: { now?: Date } = {},
): Promise<PublicTimeline> {
  const input = reopenInput.parse(raw);
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const row = await requireTrackedComplaint(tx, input, { forUpdate: true });
    const timeline = await toPublicTimeline(tx, row);
    if (!timeline.canReopen) {
      throw new AppError('CONFLICT', 'Only a resolved complaint rated unsatisfied can be reopened');
    }
    const moved = await setComplaintStatus(tx, {
      id: row.id,
      from: row.status,
      to: 'reopened',
      now,
      reopened: true,
    });
    if (!moved) throw new AppError('CONFLICT', 'The complaint changed meanwhile');
    await insertEvent(tx, {
      complaintId: row.id,
      type: 'reopened',
      fromStatus: row.status,
      toStatus: 'reopened',
      actorOfficeId: row.responsibleOfficeId,
      publicNote: '群众不满意，诉求重新办理',
      data: { reason: input.reason, round: row.reopenCount + 1, by: 'resident' },
      public: true,
      at: now,
    });
    return toPublicTimeline(tx, { ...row, status: 'reopened', reopenCount: row.reopenCount + 1 });
  });
}
