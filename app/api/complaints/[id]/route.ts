import { connection } from 'next/server';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { getComplaint } from '@/lib/complaints/get-complaint.server';
import { toErrorResponse } from '@/lib/http/errors';

const paramsSchema = z.object({ id: z.coerce.number().int().positive() });

/** GET → one complaint inside the caller's jurisdiction; 404 when absent or out of scope. */
export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  await connection();
  try {
    const user = await requireCurrentUser();
    const { id } = paramsSchema.parse(await context.params);
    const complaint = await getComplaint(await getDb(), { user, id });
    return Response.json({ complaint }, { headers: { 'cache-control': 'private, no-store' } });
  } catch (error) {
    return toErrorResponse(error);
  }
}
