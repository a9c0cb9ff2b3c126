import { connection } from 'next/server';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { toErrorResponse } from '@/lib/http/errors';
import { bboxParam, filterOf, searchParamsOf, zoomParam } from '@/lib/map/params';
import { readMapCells } from '@/lib/map/read-map-cells.server';

const query = z.object({ bbox: bboxParam, zoom: zoomParam });

/** GET → complaint counts per square cell of the view (heatmap, cells, clusters), columnar. */
export async function GET(request: Request) {
  await connection();
  try {
    const user = await requireCurrentUser();
    const { bbox, zoom } = query.parse(searchParamsOf(request));
    const cells = await readMapCells(await getDb(), {
      user,
      bbox,
      zoom,
      filter: filterOf(request),
      now: new Date(),
    });
    return Response.json(cells, { headers: { 'cache-control': 'private, no-store' } });
  } catch (error) {
    return toErrorResponse(error);
  }
}
