import { z } from 'zod';
import { route } from '@/lib/http/route.server';
import { bboxParam, filterOf, zoomParam } from '@/lib/map/params';
import { readMapHexagons } from '@/lib/map/read-map-hexagons.server';

const query = z.object({ bbox: bboxParam, zoom: zoomParam });

/** GET ?bbox&zoom&<filter> → complaint counts per hexagon of the view (axial q, r; columnar). */
export const GET = route(
  { auth: 'session', query, cacheControl: 'private, no-store' },
  ({ db, user, query, request }) =>
    readMapHexagons(db, { user, ...query, filter: filterOf(request), now: new Date() }),
);
