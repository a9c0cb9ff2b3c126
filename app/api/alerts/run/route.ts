import { timingSafeEqual } from 'node:crypto';
import { connection } from 'next/server';
import { getDb } from '@/db/client';
import type { AlertRunResponse } from '@/lib/alerts/alert-types';
import { runSurgeAlerts } from '@/lib/alerts/run-surge-alerts.server';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { assertCan } from '@/lib/auth/policy';
import { toErrorResponse } from '@/lib/http/errors';
import { assertSameOrigin } from '@/lib/http/same-origin';

function bearerMatches(request: Request): boolean {
  const token = process.env.SUQIU_SWEEP_TOKEN;
  const given = request.headers.get('authorization')?.replace(/^Bearer\s+/i, '');
  if (!token || !given) return false;
  const a = Buffer.from(token);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * POST → compute the surge alerts now (inspectors, admins; or an external scheduler with
 * `Authorization: Bearer $SUQIU_SWEEP_TOKEN`). Answers the run's counts only, never alerts.
 */
export async function POST(request: Request) {
  await connection();
  try {
    if (!bearerMatches(request)) {
      assertSameOrigin(request);
      const user = await requireCurrentUser();
      assertCan(user, 'alert.run');
    }
    const run = await runSurgeAlerts(await getDb(), { now: new Date(), trigger: 'demand' });
    return Response.json({ run } satisfies AlertRunResponse);
  } catch (error) {
    return toErrorResponse(error);
  }
}
