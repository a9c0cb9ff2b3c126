import 'server-only';
import type { Db } from '@/db/client';
import type { PublicComplaintRow } from '@/db/queries/intake';
import type { ComplaintStatus } from '@/lib/complaints/vocabulary';
import { AppError } from '@/lib/http/errors';
import { rateStore } from '@/lib/http/rate-store.server';
import { transition } from '@/lib/workflow/transition.server';
import type { Verb, VerbInput } from '@/lib/workflow/transitions';
import type { PublicTimeline } from './public-timeline';
import type { TrackInput } from './submit-input';
import { requireTrackedComplaint, toPublicTimeline } from './track-complaint.server';

/**
 * A resident's step on the complaint they track (rate, reopen), in one transaction: the tracking code
 * checked (failures counted per address), the row locked (a double tap acts once), the step allowed by
 * the public timeline (CONFLICT with `refused` otherwise), the workflow transition, and the timeline
 * after it (`after`: the row as the transition left it).
 */
export async function residentStep<V extends Verb>(
  db: Db,
  tracked: TrackInput,
  options: { now?: Date; address?: string },
  step: {
    allowed: (timeline: PublicTimeline) => boolean;
    refused: string;
    verb: V;
    input: VerbInput<V>;
    expectedStatus?: ComplaintStatus;
    after: (row: PublicComplaintRow) => PublicComplaintRow;
  },
): Promise<PublicTimeline> {
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const row = await requireTrackedComplaint(tx, tracked, {
      forUpdate: true,
      address: options.address,
      store: rateStore(db),
    });
    if (!step.allowed(await toPublicTimeline(tx, row))) throw new AppError('CONFLICT', step.refused);
    await transition(tx, {
      complaintId: row.id,
      verb: step.verb,
      actor: { kind: 'resident' },
      input: step.input,
      expectedStatus: step.expectedStatus,
      now,
    });
    return toPublicTimeline(tx, step.after(row));
  });
}
