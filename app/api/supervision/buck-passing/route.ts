import { route } from '@/lib/http/route.server';
import { buckPassingQuery } from '@/lib/supervision/buck-passing-types';
import { getBuckPassing } from '@/lib/supervision/get-buck-passing.server';

/**
 * GET ?days=&limit= → 推诿扯皮 in the caller's division over the last `days` days: cases returned or
 * transferred twice or more (with the 督办函 draft), office pairs passing cases back and forth, offices
 * and category × town ranked by rate against volume with q-values (inspectors, leaders).
 */
export const GET = route(
  { auth: 'session', query: buckPassingQuery, cacheControl: 'no-store' },
  ({ db, user, query }) => {
    const to = new Date();
    const from = new Date(to.getTime() - query.days * 86_400_000);
    return getBuckPassing(db, { user, from, to, limit: query.limit });
  },
);
