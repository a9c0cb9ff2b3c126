import { route } from '@/lib/http/route.server';
import { periodQuery } from '@/lib/stats/api-params';
import { computeOfficeRanking } from '@/lib/stats/office-ranking.server';

/** GET ?area&month | from&to → indicators by first-responsible office. */
export const GET = route(
  { auth: 'session', query: periodQuery, queryBeforeAuth: true, cacheControl: 'no-store' },
  ({ db, user, query }) => computeOfficeRanking(db, user, query),
);
