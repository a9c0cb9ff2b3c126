import { connection } from 'next/server';
import { getDb } from '@/db/client';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { toErrorResponse } from '@/lib/http/errors';
import { searchParamsOf } from '@/lib/map/params';
import { buckPassingQuery } from '@/lib/supervision/buck-passing-types';
import { getBuckPassing } from '@/lib/supervision/get-buck-passing.server';

/**
 * GET ?days=&limit= → 推诿扯皮 in the caller's division over the last `days` days: cases returned or
 * transferred twice or more (with the 督办函 draft), office pairs passing cases back and forth, offices
 * and category × town ranked by rate against volume with q-values (inspectors, leaders).
 */
export async function GET(request: Request) {
  await connection();
  try {
    const user = await requireCurrentUser();
    const query = buckPassingQuery.parse(searchParamsOf(request));
    const to = new Date();
    const from = new Date(to.getTime() - query.days * 86_400_000);
    const body = await getBuckPassing(await getDb(), { user, from, to, limit: query.limit });
    return Response.json(body, { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    return toErrorResponse(error);
  }
}
