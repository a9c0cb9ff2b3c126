import { connection } from 'next/server';
import { getDb } from '@/db/client';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { toErrorResponse } from '@/lib/http/errors';
import { searchParamsOf } from '@/lib/map/params';
import { assessmentQuery } from '@/lib/stats/api-params';
import { computeAssessment } from '@/lib/stats/assessment.server';

/** GET ?area&month → 三率考核: offices scored and ranked, with the 红黑榜. */
export async function GET(request: Request) {
  await connection();
  try {
    const q = assessmentQuery.parse(searchParamsOf(request));
    const user = await requireCurrentUser();
    return Response.json(await computeAssessment(await getDb(), user, { areaCode: q.area, month: q.month }), {
      headers: { 'cache-control': 'no-store' },
    });
  } catch (error) {
    return toErrorResponse(error);
  }
}
