import { connection } from 'next/server';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { toErrorResponse } from '@/lib/http/errors';
import { readJson } from '@/lib/http/read-request';
import { assertSameOrigin } from '@/lib/http/same-origin';
import { respondToLetter } from '@/lib/supervision/respond-to-letter.server';

const paramsSchema = z.object({ id: z.coerce.number().int().positive() });
const bodySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('acknowledge') }),
  z.object({ kind: z.literal('answer'), answer: z.string().max(4000) }),
]);

/** POST {kind: 'acknowledge'} or {kind: 'answer', answer} → the letter's office responds (handlers of that office). */
export async function POST(request: Request, context: { params: Promise<{ id: string }> }) {
  await connection();
  try {
    assertSameOrigin(request);
    const user = await requireCurrentUser();
    const { id } = paramsSchema.parse(await context.params);
    const response = bodySchema.parse(await readJson(request));
    const result = await respondToLetter(await getDb(), { user, letterId: id, response, now: new Date() });
    return Response.json({ result });
  } catch (error) {
    return toErrorResponse(error);
  }
}
