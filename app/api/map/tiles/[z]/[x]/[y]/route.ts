import { z } from 'zod';
import { getDbHandle } from '@/db/client';
import { route } from '@/lib/http/route.server';
import { filterOf } from '@/lib/map/params';
import { readMapTile } from '@/lib/map/read-map-tile.server';

const params = z.object({
  z: z.coerce.number().int().min(0).max(22),
  x: z.coerce.number().int().min(0),
  // `{y}.mvt` or `{y}.pbf`
  y: z
    .string()
    .regex(/^\d+\.(mvt|pbf)$/, 'y must be "<row>.mvt" or "<row>.pbf"')
    .transform((v) => Number(v.split('.')[0])),
});

/**
 * GET /api/map/tiles/{z}/{x}/{y}.mvt?<filter> → the complaint cells of the tile as a Mapbox Vector
 * Tile (layers `cells` and `centroids`, properties n and w), for the caller's jurisdiction.
 */
export const GET = route({ auth: 'session', params }, async ({ user, params, request }) => {
  const handle = await getDbHandle();
  const body = await readMapTile(handle.db, {
    user,
    engine: handle.engine,
    ...params,
    filter: filterOf(request),
    now: new Date(),
  });
  return new Response(body.length ? Buffer.from(body) : null, {
    status: body.length ? 200 : 204,
    headers: { 'content-type': 'application/vnd.mapbox-vector-tile', 'cache-control': 'private, no-store' },
  });
});
