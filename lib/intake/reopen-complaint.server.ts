import 'server-only';
import type { Db } from '@/db/client';
import type { PublicTimeline } from './public-timeline';
import { residentStep } from './resident-step.server';
import { reopenInput } from './submit-input';

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
  return residentStep(db, input, options, {
    allowed: (t) => t.canReopen,
    refused: 'Only a complaint rated unsatisfied can be reopened',
    verb: 'reopen',
    input: { reason: input.reason },
    after: (row) => ({ ...row, status: 'reopened', reopenCount: row.reopenCount + 1 }),
  });
}
