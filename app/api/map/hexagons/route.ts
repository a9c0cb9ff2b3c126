import { connection } from 'next/server';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { toErrorResponse } from '@/lib/http/errors';
import { bboxParam, filterOf, searchParamsOf, zoomParam } from '@/lib/map/params';
import { readMapHexagons } from '@/lib/map/read-map-hexagons.server';

const query = z.object({ bbox: bboxParam, zoom: zoomParam });

/** GET ?bbox&zoom&<filter> → complaint counts per hexagon of the view (axial q, r; columnar). */
export async function GET(request: Request) {
  await connection();
  try {
    const user = await requireCurrentUser();
    const { bbox, zoom } = query.parse(searchParamsOf(request));
    const hexagons = await readMapHexagons(await getDb(), {
      user,
      bbox,
      zoom,
      filter: filterOf(request),
      now: new Date(),
    });
    return Response.json(hexagons, { headers: { 'cache-control': 'private, no-store' } });
  } catch (error) {
    return toErrorResponse(error);
  }
}
