import { z } from 'zod';
import { route } from '@/lib/http/route.server';
import { recordSpotCheck } from '@/lib/supervision/record-spot-check.server';

const params = z.object({ id: z.coerce.number().int().positive() });
const body = z.object({
  result: z.enum(['passed', 'failed']),
  finding: z.string().max(2000).optional(),
});

/** POST {result, finding?} → record a spot check; a failed one reopens the case. */
export const POST = route({ auth: 'session', params, body }, async ({ db, user, params, body }) => ({
  result: await recordSpotCheck(db, { user, spotCheckId: params.id, ...body, now: new Date() }),
}));
