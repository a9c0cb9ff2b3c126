import { z } from 'zod';
import { requestMeta } from '@/lib/auth/request-meta';
import { unmaskContact } from '@/lib/complaints/unmask-contact.server';
import { route } from '@/lib/http/route.server';

const params = z.object({ id: z.coerce.number().int().positive() });

/**
 * POST → the reporter's full name and phone of one case, for the viewers the policy entitles, each
 * view written to the audit trail (`contact.unmask`). A POST, not a GET: an explicit action, never
 * prefetched or cached.
 */
export const POST = route(
  { auth: 'session', params, cacheControl: 'private, no-store' },
  async ({ db, user, params, request }) => ({
    contact: await unmaskContact(db, { user, id: params.id, ip: requestMeta(request).ip }),
  }),
);
