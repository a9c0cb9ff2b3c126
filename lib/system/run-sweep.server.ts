import 'server-only';
import type { Db } from '@/db/client';
import { sweepOrphanUploads } from '@/lib/intake/sweep-orphan-uploads.server';
import { sweepDeadlines } from '@/lib/sla/sweep-deadlines.server';
import { runMonthlySpotCheckDraws } from '@/lib/supervision/draw-spot-checks.server';

/**
 * The periodic sweep, one run: deadline warnings (`sweepDeadlines`), last month's spot-check draw
 * once a month starts (`runMonthlySpotCheckDraws`; a no-op once made) and the removal of uploads
 * never attached to a complaint (`sweepOrphanUploads`, SUQIU_UPLOAD_ORPHAN_HOURS). Idempotent.
 * Run by the in-process timer (sweep-timer.server.ts) and by POST /api/sweep.
 */
export async function runSweep(db: Db, params: { now: Date }) {
  const deadlines = await sweepDeadlines(db, params);
  const spotChecks = await runMonthlySpotCheckDraws(db, params);
  const orphanUploads = await sweepOrphanUploads(db, params);
  return { deadlines, spotChecks, orphanUploads };
}
