import { z } from 'zod';
import { route } from '@/lib/http/route.server';
import { summariseSelection } from '@/lib/map/get-area-summary.server';
import { filterOf, ringParam } from '@/lib/map/params';

const query = z.object({ sel: ringParam });

/** GET ?sel=lng,lat;… → counts and the newest complaints inside a drawn rectangle or polygon. */
export const GET = route(
  { auth: 'session', query, cacheControl: 'private, no-store' },
  ({ db, user, query, request }) =>
    summariseSelection(db, { user, ring: query.sel, filter: filterOf(request), now: new Date() }),
);
