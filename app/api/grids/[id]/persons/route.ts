import { connection } from 'next/server';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { requestMeta } from '@/lib/auth/request-meta';
import { listGridPersons } from '@/lib/grid/list-grid-persons.server';
import { toErrorResponse } from '@/lib/http/errors';

const paramsSchema = z.object({ id: z.coerce.number().int().positive() });

/** GET → the persons of a grid (masked except for the grid's own worker); 404 when out of scope. */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }) {
  await connection();
  try {
    const user = await requireCurrentUser();
    const { id } = paramsSchema.parse(await context.params);
    const result = await listGridPersons(await getDb(), { user, gridId: id, ip: requestMeta(request).ip });
    return Response.json(result, { headers: { 'cache-control': 'private, no-store' } });
  } catch (error) {
    return toErrorResponse(error);
  }
}
