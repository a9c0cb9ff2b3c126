import { route } from '@/lib/http/route.server';
import { complaintsQuery } from '@/lib/stats/api-params';
import { listIndicatorComplaints } from '@/lib/stats/list-indicator-complaints.server';

/** GET ?indicator&part&area&month | from&to[&office][&category][&limit&offset] → the cases behind a figure. */
export const GET = route(
  { auth: 'session', query: complaintsQuery, queryBeforeAuth: true, cacheControl: 'no-store' },
  ({ db, user, query: q }) =>
    listIndicatorComplaints(db, user, {
      indicator: q.indicator,
      part: q.part,
      areaCode: q.areaCode,
      from: q.from,
      to: q.to,
      officeId: q.office,
      category: q.category,
      limit: q.limit,
      offset: q.offset,
    }),
);
