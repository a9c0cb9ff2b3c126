import { z } from 'zod';
import { route } from '@/lib/http/route.server';
import { listAttachmentLinks } from '@/lib/intake/list-attachment-links.server';

const params = z.object({ id: z.coerce.number().int().positive() });

/** GET → the complaint's attachments with signed links valid for 10 minutes (staff, in jurisdiction). */
export const GET = route(
  { auth: 'session', params, cacheControl: 'private, no-store' },
  async ({ db, user, params }) => ({
    attachments: await listAttachmentLinks(db, { user, complaintId: params.id }),
  }),
);
