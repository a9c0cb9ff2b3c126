import { route } from '@/lib/http/route.server';
import { runSweep } from '@/lib/system/run-sweep.server';

/**
 * POST → run the sweep now (lib/system/run-sweep.server.ts: deadline warnings, last month's
 * spot-check draw if not made yet, uploads never attached to a complaint), for an external scheduler
 * (`Authorization: Bearer $SUQIU_SWEEP_TOKEN`) or a signed-in inspector. Idempotent: warnings
 * already raised are not raised again; a month is drawn once.
 */
export const POST = route(
  { auth: { action: 'complaint.supervise', bearer: 'SUQIU_SWEEP_TOKEN' } },
  async ({ db }) => {
    const { deadlines, spotChecks, orphanUploads } = await runSweep(db, { now: new Date() });
    return {
      orphanUploads,
      result: deadlines,
      spotCheckDraw: { month: spotChecks.month, offices: spotChecks.draws.length },
    };
  },
);
