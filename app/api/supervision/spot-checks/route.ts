import { z } from 'zod';
import { route } from '@/lib/http/route.server';
import { drawSpotChecks } from '@/lib/supervision/draw-spot-checks.server';

const body = z.object({
  month: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .optional(),
  share: z.number().gt(0).max(1).optional(),
});

/** POST {month?, share?} → draw a completed month's spot checks for the inspector's jurisdiction. */
export const POST = route({ auth: 'session', body, optionalBody: true }, ({ db, user, body }) =>
  drawSpotChecks(db, { actor: { kind: 'user', user }, ...body, now: new Date() }),
);
