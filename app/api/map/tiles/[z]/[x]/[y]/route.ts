import { connection } from 'next/server';
import { z } from 'zod';
import { getDbHandle } from '@/db/client';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { toErrorResponse } from '@/lib/http/errors';
import { filterOf } from '@/lib/map/params';
import { readMapTile } from '@/lib/map/read-map-tile.server';

const tileParams = z.object({
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
export async function GET(request: Request, ctx: { params: Promise<{ z: string; x: string; y: string }> }) {
  await connection();
  try {
    const user = await requireCurrentUser();
    const tile = tileParams.parse(await ctx.params);
    const handle = await getDbHandle();
    const body = await readMapTile(handle.db, {
      user,
      engine: handle.engine,
      ...tile,
      filter: filterOf(request),
      now: new Date(),
    });
    return new Response(body.length ? Buffer.from(body) : null, {
      status: body.length ? 200 : 204,
      headers: {
        'content-type': 'application/vnd.mapbox-vector-tile',
        'cache-control': 'private, no-store',
      },
    });
  } catch (error) {
    return toErrorResponse(error);
  }
}
