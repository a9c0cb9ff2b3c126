import { connection } from 'next/server';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { toErrorResponse } from '@/lib/http/errors';
import { getFacilityPanel } from '@/lib/map/get-facility-panel.server';

const paramsSchema = z.object({ id: z.coerce.number().int().positive() });

/** GET → a facility's panel (office, complaints by category over 12 months, buildings, recent complaints); 404 out of scope. */
export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  await connection();
  try {
    const user = await requireCurrentUser();
    const { id } = paramsSchema.parse(await context.params);
    return Response.json(await getFacilityPanel(await getDb(), { user, facilityId: id, now: new Date() }), {
      headers: { 'cache-control': 'private, no-store' },
    });
  } catch (error) {
    return toErrorResponse(error);
  }
}
