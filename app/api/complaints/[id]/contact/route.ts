import { connection } from 'next/server';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { requestMeta } from '@/lib/auth/request-meta';
import { unmaskContact } from '@/lib/complaints/unmask-contact.server';
import { toErrorResponse } from '@/lib/http/errors';
import { assertSameOrigin } from '@/lib/http/same-origin';

const paramsSchema = z.object({ id: z.coerce.number().int().positive() });

/**
 * POST → the reporter's full name and phone of one case, for the viewers the policy entitles, each
 * view written to the audit trail (`contact.unmask`). A POST, not a GET: an explicit action, never
 * prefetched or cached.
 */
export async function POST(request: Request, context: { params: Promise<{ id: string }> }) {
  await connection();
  try {
    assertSameOrigin(request);
    const user = await requireCurrentUser();
    const { id } = paramsSchema.parse(await context.params);
    const contact = await unmaskContact(await getDb(), { user, id, ip: requestMeta(request).ip });
    return Response.json({ contact }, { headers: { 'cache-control': 'private, no-store' } });
  } catch (error) {
    return toErrorResponse(error);
  }
}
