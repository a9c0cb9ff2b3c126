import { getDb } from '@/db/client';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { windowQuery } from '@/lib/clues/clue-params';
import { detectFindings } from '@/lib/clues/detect-findings.server';
import { toErrorResponse } from '@/lib/http/errors';
import { searchParamsOf } from '@/lib/map/params';

/** Cross-check findings (facility patterns, paper closure, spot-check failures, no enforcement). */
export async function GET(request: Request) {
  try {
    const q = windowQuery.parse(searchParamsOf(request));
    const user = await requireCurrentUser();
    return Response.json(await detectFindings(await getDb(), user, q), {
      headers: { 'cache-control': 'no-store' },
    });
  } catch (error) {
    return toErrorResponse(error);
  }
}
