import { route } from '@/lib/http/route.server';
import { sweepOrphanUploads } from '@/lib/intake/sweep-orphan-uploads.server';
import { sweepDeadlines } from '@/lib/sla/sweep-deadlines.server';
import { runMonthlySpotCheckDraws } from '@/lib/supervision/draw-spot-checks.server';

/**
 * POST → run the deadline sweep now (for an external scheduler: `Authorization: Bearer $SUQIU_SWEEP_TOKEN`;
 * or a signed-in inspector), last month's spot-check draw if not made yet, and the removal of uploads
 * never attached to a complaint (older than SUQIU_UPLOAD_ORPHAN_HOURS). Idempotent: warnings
 * already raised are not raised again; a month is drawn once.
 */
export const POST = route(
  { auth: { action: 'complaint.supervise', bearer: 'SUQIU_SWEEP_TOKEN' } },
  async ({ db }) => {
    const now = new Date();
    const result = await sweepDeadlines(db, { now });
    const spotChecks = await runMonthlySpotCheckDraws(db, { now });
    const orphanUploads = await sweepOrphanUploads(db, { now });
    return {
      orphanUploads,
      result,
      spotCheckDraw: { month: spotChecks.month, offices: spotChecks.draws.length },
    };
  },
);
