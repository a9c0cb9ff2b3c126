import { connection } from 'next/server';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { toErrorResponse } from '@/lib/http/errors';
import { listAttachmentLinks } from '@/lib/intake/list-attachment-links.server';

const paramsSchema = z.object({ id: z.coerce.number().int().positive() });

/** GET → the complaint's attachments with signed links valid for 10 minutes (staff, in jurisdiction). */
export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  await connection();
  try {
    const user = await requireCurrentUser();
    const { id } = paramsSchema.parse(await context.params);
    const attachments = await listAttachmentLinks(await getDb(), { user, complaintId: id });
    return Response.json({ attachments }, { headers: { 'cache-control': 'private, no-store' } });
  } catch (error) {
    return toErrorResponse(error);
  }
}
