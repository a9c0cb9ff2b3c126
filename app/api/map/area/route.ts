import { z } from 'zod';
import { route } from '@/lib/http/route.server';
import { getAreaSummary } from '@/lib/map/get-area-summary.server';
import { filterOf } from '@/lib/map/params';

const query = z.object({
  lng: z.coerce.number().min(-180).max(180),
  lat: z.coerce.number().min(-90).max(90),
  level: z.enum(['county', 'town', 'village', 'grid']),
});

/** GET ?lng&lat&level → the area there: counts by category and status, top problems, 12-month trend. */
export const GET = route(
  { auth: 'session', query, cacheControl: 'private, no-store' },
  ({ db, user, query, request }) =>
    getAreaSummary(db, { user, ...query, filter: filterOf(request), now: new Date() }),
);
