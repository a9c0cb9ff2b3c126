import { connection } from 'next/server';
import { getDb } from '@/db/client';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { toErrorResponse } from '@/lib/http/errors';
import { searchParamsOf } from '@/lib/map/params';
import { complaintsQuery } from '@/lib/stats/api-params';
import { listIndicatorComplaints } from '@/lib/stats/list-indicator-complaints.server';

/** GET ?indicator&part&area&month | from&to[&office][&category][&limit&offset] → the cases behind a figure. */
export async function GET(request: Request) {
  await connection();
  try {
    const q = complaintsQuery.parse(searchParamsOf(request));
    const user = await requireCurrentUser();
    const result = await listIndicatorComplaints(await getDb(), user, {
      indicator: q.indicator,
      part: q.part,
      areaCode: q.areaCode,
      from: q.from,
      to: q.to,
      officeId: q.office,
      category: q.category,
      limit: q.limit,
      offset: q.offset,
    });
    return Response.json(result, { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    return toErrorResponse(error);
  }
}
