import { z } from 'zod';
import { route } from '@/lib/http/route.server';
import { bboxParam } from '@/lib/map/params';
import { readMapFacilities } from '@/lib/map/read-map-layers.server';

const query = z.object({ bbox: bboxParam });

/** GET → facilities of the view. */
export const GET = route(
  { auth: 'session', query, cacheControl: 'private, max-age=300' },
  ({ db, user, query }) => readMapFacilities(db, { user, bbox: query.bbox }),
);
