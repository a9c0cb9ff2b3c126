import { connection } from 'next/server';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { toErrorResponse } from '@/lib/http/errors';
import { summariseSelection } from '@/lib/map/get-area-summary.server';
import { filterOf, ringParam, searchParamsOf } from '@/lib/map/params';

const query = z.object({ sel: ringParam });

/** GET ?sel=lng,lat;… → counts and the newest complaints inside a drawn rectangle or polygon. */
export async function GET(request: Request) {
  await connection();
  try {
    const user = await requireCurrentUser();
    const { sel } = query.parse(searchParamsOf(request));
    return Response.json(
      await summariseSelection(await getDb(), {
        user,
        ring: sel,
        filter: filterOf(request),
        now: new Date(),
      }),
      { headers: { 'cache-control': 'private, no-store' } },
    );
  } catch (error) {
    return toErrorResponse(error);
  }
}
