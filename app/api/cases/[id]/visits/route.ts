import { connection } from 'next/server';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { toErrorResponse } from '@/lib/http/errors';
import { readJson } from '@/lib/http/read-request';
import { assertSameOrigin } from '@/lib/http/same-origin';
import { recordFollowUpVisit, VISIT_METHODS } from '@/lib/supervision/record-follow-up-visit.server';

const paramsSchema = z.object({ id: z.coerce.number().int().positive() });
const bodySchema = z.object({
  method: z.enum(VISIT_METHODS),
  outcome: z.string().max(500),
  note: z.string().max(1000).optional(),
});

/** POST {method, outcome, note?} → record a 回访 against the case (grid workers, inspectors). */
export async function POST(request: Request, context: { params: Promise<{ id: string }> }) {
  await connection();
  try {
    assertSameOrigin(request);
    const user = await requireCurrentUser();
    const { id } = paramsSchema.parse(await context.params);
    const body = bodySchema.parse(await readJson(request));
    const visit = await recordFollowUpVisit(await getDb(), {
      user,
      complaintId: id,
      ...body,
      now: new Date(),
    });
    return Response.json({ visit }, { status: 201 });
  } catch (error) {
    return toErrorResponse(error);
  }
}
