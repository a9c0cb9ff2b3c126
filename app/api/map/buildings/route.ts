import { connection } from 'next/server';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { toErrorResponse } from '@/lib/http/errors';
import { bboxParam, filterOf, searchParamsOf } from '@/lib/map/params';
import { readMapBuildings } from '@/lib/map/read-map-layers.server';

const query = z.object({ bbox: bboxParam });

/** GET → building footprints of the view with complaint counts (GeoJSON). */
export async function GET(request: Request) {
  await connection();
  try {
    const user = await requireCurrentUser();
    const { bbox } = query.parse(searchParamsOf(request));
    const fc = await readMapBuildings(await getDb(), {
      user,
      bbox,
      filter: filterOf(request),
      now: new Date(),
    });
    return new Response(fc, {
      headers: { 'content-type': 'application/geo+json', 'cache-control': 'private, no-store' },
    });
  } catch (error) {
    return toErrorResponse(error);
  }
}
