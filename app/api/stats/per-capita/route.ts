import { route } from '@/lib/http/route.server';
import { getPerCapita } from '@/lib/stats/get-per-capita.server';
import { perCapitaQuery } from '@/lib/stats/per-capita-types';
import { lastYearDays } from '@/lib/stats/period';

/**
 * GET ?area=&from=&to= → 每万人诉求量 for the area and its children (residents of the person registry)
 * and its silent villages and grids (inspectors, leaders). Default period: the last 12 months.
 */
export const GET = route(
  { auth: 'session', query: perCapitaQuery, cacheControl: 'no-store' },
  ({ db, user, query: q }) => {
    const d = lastYearDays(new Date());
    return getPerCapita(db, user, { areaCode: q.area, from: q.from ?? d.from, to: q.to ?? d.to });
  },
);
