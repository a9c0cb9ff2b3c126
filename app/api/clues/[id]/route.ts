import { z } from 'zod';
import { getClue } from '@/lib/clues/manage-clues.server';
import { route } from '@/lib/http/route.server';

const params = z.object({ id: z.coerce.number().int().positive() });

export const GET = route({ auth: 'session', params, cacheControl: 'no-store' }, ({ db, user, params }) =>
  getClue(db, user, params.id),
);
