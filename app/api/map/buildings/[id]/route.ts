import { connection } from 'next/server';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { requestMeta } from '@/lib/auth/request-meta';
import { toErrorResponse } from '@/lib/http/errors';
import { getBuildingPanel } from '@/lib/map/get-building-panel.server';

const paramsSchema = z.object({ id: z.coerce.number().int().positive() });

/** GET → a building's panel (households masked per role, complaints, facilities, visits); 404 out of scope. */
export async function GET(request: Request, context: { params: Promise<{ id: string }> }) {
  await connection();
  try {
    const user = await requireCurrentUser();
    const { id } = paramsSchema.parse(await context.params);
    return Response.json(
      await getBuildingPanel(await getDb(), {
        user,
        buildingId: id,
        now: new Date(),
        ip: requestMeta(request).ip,
      }),
      {
        headers: { 'cache-control': 'private, no-store' },
      },
    );
  } catch (error) {
    return toErrorResponse(error);
  }
}
