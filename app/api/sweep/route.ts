import { timingSafeEqual } from 'node:crypto';
import { connection } from 'next/server';
import { getDb } from '@/db/client';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { assertCan } from '@/lib/auth/policy';
import { AppError, toErrorResponse } from '@/lib/http/errors';
import { assertSameOrigin } from '@/lib/http/same-origin';
import { sweepDeadlines } from '@/lib/sla/sweep-deadlines.server';

function bearerMatches(request: Request): boolean {
  const token = process.env.SUQIU_SWEEP_TOKEN;
  const given = request.headers.get('authorization')?.replace(/^Bearer\s+/i, '');
  if (!token || !given) return false;
  const a = Buffer.from(token);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * POST → run the deadline sweep now (for an external scheduler: `Authorization: Bearer $SUQIU_SWEEP_TOKEN`;
 * or a signed-in inspector). Idempotent: warnings already raised are not raised again.
 */
export async function POST(request: Request) {
  await connection();
  try {
    if (!bearerMatches(request)) {
      assertSameOrigin(request);
      const user = await requireCurrentUser().catch(() => {
        throw new AppError('UNAUTHENTICATED', 'Scheduler token or sign-in required');
      });
      assertCan(user, 'complaint.supervise');
    }
    const result = await sweepDeadlines(await getDb(), { now: new Date() });
    return Response.json({ result });
  } catch (error) {
    return toErrorResponse(error);
  }
}
