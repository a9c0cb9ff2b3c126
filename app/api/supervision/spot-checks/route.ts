import { connection } from 'next/server';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { toErrorResponse } from '@/lib/http/errors';
import { readJson } from '@/lib/http/read-request';
import { assertSameOrigin } from '@/lib/http/same-origin';
import { drawSpotChecks } from '@/lib/supervision/draw-spot-checks.server';

const bodySchema = z.object({
  month: z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .optional(),
  share: z.number().gt(0).max(1).optional(),
});

/** POST {month?, share?} → draw a completed month's spot checks for the inspector's jurisdiction. */
export async function POST(request: Request) {
  await connection();
  try {
    assertSameOrigin(request);
    const user = await requireCurrentUser();
    const body = bodySchema.parse(await readJson(request, { optional: true }));
    const result = await drawSpotChecks(await getDb(), {
      actor: { kind: 'user', user },
      ...body,
      now: new Date(),
    });
    return Response.json(result);
  } catch (error) {
    return toErrorResponse(error);
  }
}
