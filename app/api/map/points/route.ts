import { connection } from 'next/server';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { toErrorResponse } from '@/lib/http/errors';
import { bboxParam, filterOf, searchParamsOf } from '@/lib/map/params';
import { readMapPoints } from '@/lib/map/read-map-layers.server';

const query = z.object({ bbox: bboxParam });

/** GET → individual complaints of a high-zoom view (at most 12,000). */
export async function GET(request: Request) {
  await connection();
  try {
    const user = await requireCurrentUser();
    const { bbox } = query.parse(searchParamsOf(request));
    const result = await readMapPoints(await getDb(), {
      user,
      bbox,
      filter: filterOf(request),
      now: new Date(),
    });
    return Response.json(result, { headers: { 'cache-control': 'private, no-store' } });
  } catch (error) {
    return toErrorResponse(error);
  }
}
