import { z } from 'zod';
import { route } from '@/lib/http/route.server';
import { searchBuildings } from '@/lib/map/get-building-panel.server';

const query = z.object({ q: z.string().max(100) });

/** GET ?q= → up to 10 buildings of the caller's jurisdiction whose address contains q. */
export const GET = route(
  { auth: 'session', query, cacheControl: 'private, no-store' },
  ({ db, user, query }) => searchBuildings(db, { user, text: query.q }),
);
