import { route } from '@/lib/http/route.server';
import { areasQuery } from '@/lib/stats/api-params';
import { listStatsAreaChildren } from '@/lib/stats/resolve-stats-area.server';

/** GET ?parent → the area (default: the viewer's division) and the divisions directly below it (the area picker). */
export const GET = route(
  { auth: 'session', query: areasQuery, queryBeforeAuth: true, cacheControl: 'no-store' },
  ({ db, user, query }) => listStatsAreaChildren(db, user, query.parent),
);
