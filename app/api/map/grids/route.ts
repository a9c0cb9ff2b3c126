import { z } from 'zod';
import { route } from '@/lib/http/route.server';
import { readGrids } from '@/lib/map/list-map-layers.server';
import { bboxParam } from '@/lib/map/params';

const query = z.object({ bbox: bboxParam });

/** GET ?bbox → the grids (网格) of the view as GeoJSON (the public base layer). */
export const GET = route(
  { auth: 'public', query },
  async ({ query }) =>
    new Response(await readGrids(query.bbox), {
      headers: { 'content-type': 'application/geo+json', 'cache-control': 'public, max-age=300' },
    }),
);
