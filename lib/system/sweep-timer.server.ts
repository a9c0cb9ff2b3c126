import 'server-only';
import { getDb } from '@/db/client';
import { startBackgroundTask } from './background-task.server';
import { runSweep } from './run-sweep.server';

/**
 * The in-process timer: runs the sweep (run-sweep.server.ts: deadline warnings, the monthly
 * spot-check draw, orphan uploads) every `intervalMs` (default 5 min, SUQIU_SWEEP_INTERVAL_MS; 0
 * turns it off, e.g. when an external scheduler calls POST /api/sweep). One timer per process
 * (`startBackgroundTask`).
 */
export function startSweepTimer(intervalMs = Number(process.env.SUQIU_SWEEP_INTERVAL_MS ?? 300_000)): void {
  startBackgroundTask({
    name: 'deadline sweep',
    intervalMs,
    firstRunMs: 10_000, // catch up shortly after start
    run: async () => {
      const { deadlines, spotChecks, orphanUploads } = await runSweep(await getDb(), { now: new Date() });
      if (deadlines.raised > 0)
        console.info(`deadline sweep: ${deadlines.dueSoon} due soon, ${deadlines.overdue} overdue`);
      if (spotChecks.draws.length > 0)
        console.info(`spot-check draw ${spotChecks.month}: ${spotChecks.draws.length} offices`);
      if (orphanUploads.removed + orphanUploads.failed > 0)
        console.info(
          `orphan uploads: ${orphanUploads.removed} removed, ${orphanUploads.failed} failed to delete`,
        );
    },
  });
}
