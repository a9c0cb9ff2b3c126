import { connection } from 'next/server';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { toErrorResponse } from '@/lib/http/errors';
import { getAreaSummary } from '@/lib/map/get-area-summary.server';
import { filterOf, searchParamsOf } from '@/lib/map/params';

const query = z.object({
  lng: z.coerce.number().min(-180).max(180),
  lat: z.coerce.number().min(-90).max(90),
  level: z.enum(['county', 'town', 'village', 'grid']),
});

/** GET ?lng&lat&level → the area there: counts by category and status, top problems, 12-month trend. */
export async function GET(request: Request) {
  await connection();
  try {
    const user = await requireCurrentUser();
    const q = query.parse(searchParamsOf(request));
    return Response.json(
      await getAreaSummary(await getDb(), { user, ...q, filter: filterOf(request), now: new Date() }),
      {
        headers: { 'cache-control': 'private, no-store' },
      },
    );
  } catch (error) {
    return toErrorResponse(error);
  }
}
