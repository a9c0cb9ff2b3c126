import { timingSafeEqual } from 'node:crypto';
import { connection } from 'next/server';
import { getDb } from '@/db/client';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { assertCan } from '@/lib/auth/policy';
import { AppError, toErrorResponse } from '@/lib/http/errors';
import { assertSameOrigin } from '@/lib/http/same-origin';
import { sweepOrphanUploads } from '@/lib/intake/sweep-orphan-uploads.server';
import { sweepDeadlines } from '@/lib/sla/sweep-deadlines.server';
import { runMonthlySpotCheckDraws } from '@/lib/supervision/draw-spot-checks.server';

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
 * or a signed-in inspector), last month's spot-check draw if not made yet, and the removal of uploads
 * never attached to a complaint (older than SUQIU_UPLOAD_ORPHAN_HOURS). Idempotent: warnings
 * already raised are not raised again; a month is drawn once.
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
    const db = await getDb();
    const now = new Date();
    const result = await sweepDeadlines(db, { now });
    const spotChecks = await runMonthlySpotCheckDraws(db, { now });
    const orphanUploads = await sweepOrphanUploads(db, { now });
    return Response.json({
      orphanUploads,
      result,
      spotCheckDraw: { month: spotChecks.month, offices: spotChecks.draws.length },
    });
  } catch (error) {
    return toErrorResponse(error);
  }
}
