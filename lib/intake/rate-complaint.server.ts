import 'server-only';
import type { Db } from '@/db/client';
import { AppError } from '@/lib/http/errors';
import { rateStore } from '@/lib/http/rate-store.server';
import { transition } from '@/lib/workflow/transition.server';
import { rateInput } from './submit-input';
import { type PublicTimeline, requireTrackedComplaint, toPublicTimeline } from './track-complaint.server';

/**
 * 评价: the resident (holding the tracking code) rates a resolved complaint, once per resolution
 * round; the workflow's `rate` transition records it and closes the case. An unsatisfied rating
 * opens the reopen path. Serialised on the complaint row, so a double tap rates once.
 */
export async function rateComplaint(
  db: Db,
  raw: unknown,
  options: { now?: Date; address?: string } = {},
): Promise<PublicTimeline> {
  const input = rateInput.parse(raw);
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const row = await requireTrackedComplaint(tx, input, {
      forUpdate: true,
      address: options.address,
      store: rateStore(db),
    });
    const before = await toPublicTimeline(tx, row);
    if (!before.canRate)
      throw new AppError('CONFLICT', 'Only a resolved, not yet rated complaint can be rated');
    await transition(tx, {
      complaintId: row.id,
      verb: 'rate',
      actor: { kind: 'resident' },
      input: { level: input.level, comment: input.comment },
      expectedStatus: 'resolved',
      now,
    });
    return toPublicTimeline(tx, { ...row, status: 'closed' });
  });
}
