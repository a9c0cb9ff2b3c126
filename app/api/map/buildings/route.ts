import { z } from 'zod';
import { route } from '@/lib/http/route.server';
import { bboxParam, filterOf } from '@/lib/map/params';
import { readMapBuildings } from '@/lib/map/read-map-layers.server';

const query = z.object({ bbox: bboxParam });

/** GET → building footprints of the view with complaint counts (GeoJSON). */
export const GET = route({ auth: 'session', query }, async ({ db, user, query, request }) => {
  const fc = await readMapBuildings(db, {
    user,
    bbox: query.bbox,
    filter: filterOf(request),
    now: new Date(),
  });
  return new Response(fc, {
    headers: { 'content-type': 'application/geo+json', 'cache-control': 'private, no-store' },
  });
});
