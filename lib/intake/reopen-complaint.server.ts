import 'server-only';
import type { Db } from '@/db/client';
import { AppError } from '@/lib/http/errors';
import { rateStore } from '@/lib/http/rate-store.server';
import { transition } from '@/lib/workflow/transition.server';
import { reopenInput } from './submit-input';
import { type PublicTimeline, requireTrackedComplaint, toPublicTimeline } from './track-complaint.server';

/**
 * 重新办理: after an unsatisfied rating the resident sends the complaint back to the office that
 * handled it, through the workflow's `reopen` transition (new deadlines, a reminder to the office,
 * reopen_count + 1, counted in the statistics). At most `MAX_REOPENS` times.
 */
export async function reopenComplaint(
  db: Db,
  raw: unknown,
  options: { now?: Date; address?: string } = {},
): Promise<PublicTimeline> {
  const input = reopenInput.parse(raw);
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const row = await requireTrackedComplaint(tx, input, {
      forUpdate: true,
      address: options.address,
      store: rateStore(db),
    });
    const before = await toPublicTimeline(tx, row);
    if (!before.canReopen) {
      throw new AppError('CONFLICT', 'Only a complaint rated unsatisfied can be reopened');
    }
    await transition(tx, {
      complaintId: row.id,
      verb: 'reopen',
      actor: { kind: 'resident' },
      input: { reason: input.reason },
      now,
    });
    return toPublicTimeline(tx, { ...row, status: 'reopened', reopenCount: row.reopenCount + 1 });
  });
}
