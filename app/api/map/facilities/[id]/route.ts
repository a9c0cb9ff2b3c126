import { z } from 'zod';
import { route } from '@/lib/http/route.server';
import { getFacilityPanel } from '@/lib/map/get-facility-panel.server';

const params = z.object({ id: z.coerce.number().int().positive() });

/** GET → a facility's panel (office, complaints by category over 12 months, buildings, recent complaints); 404 out of scope. */
export const GET = route(
  { auth: 'session', params, cacheControl: 'private, no-store' },
  ({ db, user, params }) => getFacilityPanel(db, { user, facilityId: params.id, now: new Date() }),
);
