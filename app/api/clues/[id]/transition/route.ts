import { z } from 'zod';
import { moveClueBody } from '@/lib/clues/clue-params';
import { moveClue } from '@/lib/clues/manage-clues.server';
import { route } from '@/lib/http/route.server';

const params = z.object({ id: z.coerce.number().int().positive() });

/** Move a clue through 待评估 → 初核 → 立案 / 了结, with a note. */
export const POST = route({ auth: 'session', params, body: moveClueBody }, ({ db, user, params, body }) =>
  moveClue(db, user, { id: params.id, ...body }),
);
