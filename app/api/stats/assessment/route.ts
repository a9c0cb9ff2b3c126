import { route } from '@/lib/http/route.server';
import { assessmentQuery } from '@/lib/stats/api-params';
import { computeAssessment } from '@/lib/stats/assessment.server';

/** GET ?area&month → 三率考核: offices scored and ranked, with the 红黑榜. */
export const GET = route(
  { auth: 'session', query: assessmentQuery, queryBeforeAuth: true, cacheControl: 'no-store' },
  ({ db, user, query: q }) => computeAssessment(db, user, { areaCode: q.area, month: q.month }),
);
