import 'server-only';
import type { Db } from '@/db/client';
import type { PublicTimeline } from './public-timeline';
import { residentStep } from './resident-step.server';
import { rateInput } from './submit-input';

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
  return residentStep(db, input, options, {
    allowed: (t) => t.canRate,
    refused: 'Only a resolved, not yet rated complaint can be rated',
    verb: 'rate',
    input: { level: input.level, comment: input.comment },
    expectedStatus: 'resolved',
    after: (row) => ({ ...row, status: 'closed' }),
  });
}
