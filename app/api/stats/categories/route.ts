import { route } from '@/lib/http/route.server';
import { periodQuery } from '@/lib/stats/api-params';
import { computeCategoryRanking } from '@/lib/stats/category-ranking.server';

/** GET ?area&month | from&to → 问题类型排名 (level-1 categories by volume, with the previous period). */
export const GET = route(
  { auth: 'session', query: periodQuery, queryBeforeAuth: true, cacheControl: 'no-store' },
  ({ db, user, query }) => computeCategoryRanking(db, user, query),
);
