import { z } from 'zod';
import { requestMeta } from '@/lib/auth/request-meta';
import { route } from '@/lib/http/route.server';
import { getBuildingPanel } from '@/lib/map/get-building-panel.server';

const params = z.object({ id: z.coerce.number().int().positive() });

/** GET → a building's panel (households masked per role, complaints, facilities, visits); 404 out of scope. */
export const GET = route(
  { auth: 'session', params, cacheControl: 'private, no-store' },
  ({ db, user, params, request }) =>
    getBuildingPanel(db, { user, buildingId: params.id, now: new Date(), ip: requestMeta(request).ip }),
);
