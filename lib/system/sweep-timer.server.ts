import 'server-only';
import { getDb } from '@/db/client';
import { sweepOrphanUploads } from '@/lib/intake/sweep-orphan-uploads.server';
import { runMonthlySpotCheckDraws } from '@/lib/supervision/draw-spot-checks.server';
import { startBackgroundTask } from '@/lib/system/background-task.server';
import { sweepDeadlines } from './sweep-deadlines.server';

/**
 * The in-process timer: runs the deadline sweep every `intervalMs` (default 5 min,
 * SUQIU_SWEEP_INTERVAL_MS; 0 turns it off, e.g. when an external scheduler calls POST /api/sweep).
 * It also makes the monthly spot-check draw once a month starts (`runMonthlySpotCheckDraws`) and
 * removes uploads never attached to a complaint (`sweepOrphanUploads`, SUQIU_UPLOAD_ORPHAN_HOURS).
 * One timer per process (`startBackgroundTask`).
 */
export function startDeadlineSweepTimer(
  intervalMs = Number(process.env.SUQIU_SWEEP_INTERVAL_MS ?? 300_000),
): void {
  startBackgroundTask({
    name: 'deadline sweep',
    intervalMs,
    firstRunMs: 10_000, // catch up shortly after start
    run: async () => {
      const db = await getDb();
      const result = await sweepDeadlines(db, { now: new Date() });
      if (result.raised > 0)
        console.info(`deadline sweep: ${result.dueSoon} due soon, ${result.overdue} overdue`);
      // 抽查: at the start of a month, last month's draw for every office (once; a no-op afterwards).
      const draws = await runMonthlySpotCheckDraws(db, { now: new Date() });
      if (draws.draws.length > 0)
        console.info(`spot-check draw ${draws.month}: ${draws.draws.length} offices`);
      const uploads = await sweepOrphanUploads(db, { now: new Date() });
      if (uploads.removed + uploads.failed > 0)
        console.info(`orphan uploads: ${uploads.removed} removed, ${uploads.failed} failed to delete`);
    },
  });
}
