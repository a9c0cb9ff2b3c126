import { z } from 'zod';
import { route } from '@/lib/http/route.server';
import { bboxParam, filterOf } from '@/lib/map/params';
import { readMapPoints } from '@/lib/map/read-map-layers.server';

const query = z.object({ bbox: bboxParam });

/** GET → individual complaints of a high-zoom view (at most 12,000). */
export const GET = route(
  { auth: 'session', query, cacheControl: 'private, no-store' },
  ({ db, user, query, request }) =>
    readMapPoints(db, { user, bbox: query.bbox, filter: filterOf(request), now: new Date() }),
);
