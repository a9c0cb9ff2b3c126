import { connection } from 'next/server';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { toErrorResponse } from '@/lib/http/errors';
import { bboxParam, searchParamsOf } from '@/lib/map/params';
import { readMapFacilities } from '@/lib/map/read-map-layers.server';

const query = z.object({ bbox: bboxParam });

/** GET → facilities of the view. */
export async function GET(request: Request) {
  await connection();
  try {
    const user = await requireCurrentUser();
    const { bbox } = query.parse(searchParamsOf(request));
    return Response.json(await readMapFacilities(await getDb(), { user, bbox }), {
      headers: { 'cache-control': 'private, max-age=300' },
    });
  } catch (error) {
    return toErrorResponse(error);
  }
}
