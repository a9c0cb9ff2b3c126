import { z } from 'zod';
import { route } from '@/lib/http/route.server';
import { readAreas } from '@/lib/map/list-map-layers.server';
import { areaLevelParam } from '@/lib/map/params';

const query = z.object({ level: areaLevelParam });

/** GET ?level → the divisions of one level as GeoJSON (the public base layer). */
export const GET = route(
  { auth: 'public', query },
  async ({ query }) =>
    new Response(await readAreas(query.level), {
      headers: { 'content-type': 'application/geo+json', 'cache-control': 'public, max-age=300' },
    }),
);
