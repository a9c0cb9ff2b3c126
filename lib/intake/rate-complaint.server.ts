import 'server-only';
import type { Db } from '@/db/client';
import { insertEvent, insertRating, setComplaintStatus } from '@/db/queries/intake';
import { AppError } from '@/lib/http/errors';
import { rateInput } from './submit-input';
import { type PublicTimeline, requireTrackedComplaint, toPublicTimeline } from './track-complaint.server';

/**
 * 评价: the resident rates a resolved complaint, once per resolution round, which closes it
 * (resolved → closed, as the workflow's transition table declares); an unsatisfied rating opens the
 * reopen path. Serialised on the complaint row, so a double tap rates once.
 */
export async function rateComplaint(
  db: Db,
  raw: unknown,
  options: { now?: Date } = {},
): Promise<PublicTimeline> {
  const input = rateInput.parse(raw);
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const row = await requireTrackedComplaint(tx, input, { forUpdate: true });
    if (row.kind !== 'complaint' || row.status !== 'resolved') {
      throw new AppError('CONFLICT', 'Only a resolved complaint can be rated');
    }
    const round = row.reopenCount + 1;
    const timeline = await toPublicTimeline(tx, row);
    if (!timeline.canRate) throw new AppError('CONFLICT', 'Already rated');
    await insertRating(tx, {
      complaintId: row.id,
      round,
      level: input.level,
      comment: input.comment ?? null,
      now,
    });
    await insertEvent(tx, {
      complaintId: row.id,
      type: 'rated',
      fromStatus: 'resolved',
      toStatus: 'closed',
      publicNote: null,
      data: { level: input.level, round },
      public: true,
      at: now,
    });
    await setComplaintStatus(tx, { id: row.id, from: 'resolved', to: 'closed', now, closed: true });
    return toPublicTimeline(tx, { ...row, status: 'closed' });
  });
}
