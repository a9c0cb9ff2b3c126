import { z } from 'zod';
import { getComplaint } from '@/lib/complaints/get-complaint.server';
import { route } from '@/lib/http/route.server';

const params = z.object({ id: z.coerce.number().int().positive() });

/** GET → one complaint inside the caller's jurisdiction; 404 when absent or out of scope. */
export const GET = route(
  { auth: 'session', params, cacheControl: 'private, no-store' },
  async ({ db, user, params }) => ({
    complaint: await getComplaint(db, { user, id: params.id }),
  }),
);
