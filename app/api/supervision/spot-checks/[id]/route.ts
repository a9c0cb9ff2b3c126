import { connection } from 'next/server';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { toErrorResponse } from '@/lib/http/errors';
import { readJson } from '@/lib/http/read-request';
import { assertSameOrigin } from '@/lib/http/same-origin';
import { recordSpotCheck } from '@/lib/supervision/record-spot-check.server';

const paramsSchema = z.object({ id: z.coerce.number().int().positive() });
const bodySchema = z.object({
  result: z.enum(['passed', 'failed']),
  finding: z.string().max(2000).optional(),
});

/** POST {result, finding?} → record a spot check; a failed one reopens the case. */
export async function POST(request: Request, context: { params: Promise<{ id: string }> }) {
  await connection();
  try {
    assertSameOrigin(request);
    const user = await requireCurrentUser();
    const { id } = paramsSchema.parse(await context.params);
    const body = bodySchema.parse(await readJson(request));
    const result = await recordSpotCheck(await getDb(), { user, spotCheckId: id, ...body, now: new Date() });
    return Response.json({ result });
  } catch (error) {
    return toErrorResponse(error);
  }
}
