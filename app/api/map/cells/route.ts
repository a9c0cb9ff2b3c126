import { z } from 'zod';
import { route } from '@/lib/http/route.server';
import { bboxParam, filterOf, zoomParam } from '@/lib/map/params';
import { readMapCells } from '@/lib/map/read-map-cells.server';

const query = z.object({ bbox: bboxParam, zoom: zoomParam });

/** GET → complaint counts per square cell of the view (heatmap, cells, clusters), columnar. */
export const GET = route(
  { auth: 'session', query, cacheControl: 'private, no-store' },
  ({ db, user, query, request }) =>
    readMapCells(db, { user, ...query, filter: filterOf(request), now: new Date() }),
);
