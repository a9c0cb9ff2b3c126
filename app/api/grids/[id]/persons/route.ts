import { z } from 'zod';
import { requestMeta } from '@/lib/auth/request-meta';
import { listGridPersons } from '@/lib/grid/list-grid-persons.server';
import { route } from '@/lib/http/route.server';

const params = z.object({ id: z.coerce.number().int().positive() });

/** GET → the persons of a grid (masked except for the grid's own worker); 404 when out of scope. */
export const GET = route({ auth: 'session', params }, async ({ db, user, params, request }) => {
  const result = await listGridPersons(db, { user, gridId: params.id, ip: requestMeta(request).ip });
  return Response.json(result, { headers: { 'cache-control': 'private, no-store' } });
});
