import { z } from 'zod';
import { route } from '@/lib/http/route.server';
import { recordFollowUpVisit, VISIT_METHODS } from '@/lib/supervision/record-follow-up-visit.server';

const params = z.object({ id: z.coerce.number().int().positive() });
const body = z.object({
  method: z.enum(VISIT_METHODS),
  outcome: z.string().max(500),
  note: z.string().max(1000).optional(),
});

/** POST {method, outcome, note?} → record a 回访 against the case (grid workers, inspectors). */
export const POST = route(
  { auth: 'session', params, body, status: 201 },
  async ({ db, user, params, body }) => ({
    visit: await recordFollowUpVisit(db, { user, complaintId: params.id, ...body, now: new Date() }),
  }),
);
