import { z } from 'zod';
import { route } from '@/lib/http/route.server';
import { respondToLetter } from '@/lib/supervision/respond-to-letter.server';

const params = z.object({ id: z.coerce.number().int().positive() });
const body = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('acknowledge') }),
  z.object({ kind: z.literal('answer'), answer: z.string().max(4000) }),
]);

/** POST {kind: 'acknowledge'} or {kind: 'answer', answer} → the letter's office responds (handlers of that office). */
export const POST = route({ auth: 'session', params, body }, async ({ db, user, params, body }) => ({
  result: await respondToLetter(db, { user, letterId: params.id, response: body, now: new Date() }),
}));
