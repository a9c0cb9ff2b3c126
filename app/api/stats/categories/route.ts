import { connection } from 'next/server';
import { getDb } from '@/db/client';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { toErrorResponse } from '@/lib/http/errors';
import { searchParamsOf } from '@/lib/map/params';
import { periodQuery } from '@/lib/stats/api-params';
import { computeCategoryRanking } from '@/lib/stats/category-ranking.server';

/** GET ?area&month | from&to → 问题类型排名 (level-1 categories by volume, with the previous period). */
export async function GET(request: Request) {
  await connection();
  try {
    const q = periodQuery.parse(searchParamsOf(request));
    const user = await requireCurrentUser();
    return Response.json(await computeCategoryRanking(await getDb(), user, q), {
      headers: { 'cache-control': 'no-store' },
    });
  } catch (error) {
    return toErrorResponse(error);
  }
}
