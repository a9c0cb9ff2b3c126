import { z } from 'zod';
import { getDb } from '@/db/client';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { filterOf, hotspotQuery } from '@/lib/hotspots/hotspot-params';
import { listComplaintsInCell } from '@/lib/hotspots/list-cell-complaints.server';
import { toErrorResponse } from '@/lib/http/errors';
import { searchParamsOf } from '@/lib/map/params';

const query = hotspotQuery.extend({ i: z.coerce.number().int(), j: z.coerce.number().int() });

/** The complaints behind one hot-spot cell (same filter as the analysis). */
export async function GET(request: Request) {
  try {
    const q = query.parse(searchParamsOf(request));
    const user = await requireCurrentUser();
    const complaints = await listComplaintsInCell(await getDb(), user, {
      divisionCode: q.division,
      size: q.cellSize,
      shape: q.shape,
      i: q.i,
      j: q.j,
      filter: filterOf(q),
    });
    return Response.json({ complaints }, { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    return toErrorResponse(error);
  }
}
