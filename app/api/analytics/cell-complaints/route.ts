import { z } from 'zod';
import { filterOf, hotspotQuery } from '@/lib/hotspots/hotspot-params';
import { listComplaintsInCell } from '@/lib/hotspots/list-cell-complaints.server';
import { route } from '@/lib/http/route.server';

const query = hotspotQuery.extend({ i: z.coerce.number().int(), j: z.coerce.number().int() });

/** The complaints behind one hot-spot cell (same filter as the analysis). */
export const GET = route(
  { auth: 'session', query, queryBeforeAuth: true, cacheControl: 'no-store' },
  async ({ db, user, query: q }) => ({
    complaints: await listComplaintsInCell(db, user, {
      divisionCode: q.division,
      size: q.cellSize,
      shape: q.shape,
      i: q.i,
      j: q.j,
      filter: filterOf(q),
    }),
  }),
);
