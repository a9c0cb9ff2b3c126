import { route } from '@/lib/http/route.server';
import { periodQuery } from '@/lib/stats/api-params';
import { computeIndicators } from '@/lib/stats/compute-indicators.server';

/** GET ?area&month | from&to → every indicator with its previous period and change (inspectors, leaders). */
export const GET = route(
  { auth: 'session', query: periodQuery, queryBeforeAuth: true, cacheControl: 'no-store' },
  ({ db, user, query }) => computeIndicators(db, user, query),
);
