import { z } from 'zod';
import { route } from '@/lib/http/route.server';
import { readComplaintPoints } from '@/lib/map/list-map-layers.server';
import { bboxParam } from '@/lib/map/params';

const query = z.object({ bbox: bboxParam });

/** GET ?bbox → the home page's anonymised complaint points of the view. */
export const GET = route({ auth: 'public', query, cacheControl: 'no-store' }, ({ query }) =>
  readComplaintPoints(query.bbox, new Date()),
);
