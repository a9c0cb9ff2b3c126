import 'server-only';
import type { DbOrTx } from '@/db/client';
import { getLastAlertRun, maxComplaintId } from '@/db/queries/alerts';
import { runSurgeAlerts } from './run-surge-alerts.server';

/** A read recomputes when the last run evaluated an instant older than this (SUQIU_ALERTS_FRESH_MS, default 60 s). */
export function alertFreshMs(): number {
  const ms = Number(process.env.SUQIU_ALERTS_FRESH_MS);
  return Number.isFinite(ms) && ms >= 0 ? ms : 60_000;
}

const inflight = new WeakMap<object, Promise<unknown>>();

/**
 * Before alerts are read: when complaints arrived since the last run (max id above its watermark) or
 * the last run is older than `alertFreshMs()`, run now, so an alert follows a burst of intake at once
 * instead of at the next scheduled run. One run at a time per process (concurrent readers wait for
 * the same run, then check again); runs of several processes queue on the run's advisory lock.
 * Returns whether it ran. A complaint whose id was taken before the watermark but committed after the
 * run read the counts is seen by the next run (at most `alertFreshMs()` or the schedule later).
 */
export async function ensureFreshAlerts(db: DbOrTx, now: Date): Promise<boolean> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const running = inflight.get(db);
    if (running) {
      await running.catch(() => {});
      continue;
    }
    const [last, max] = await Promise.all([getLastAlertRun(db), maxComplaintId(db)]);
    const stale =
      !last || max > last.watermark || Math.abs(now.getTime() - last.asOf.getTime()) > alertFreshMs();
    if (!stale) return false;
    const run = runSurgeAlerts(db, { now, trigger: 'read' }).finally(() => inflight.delete(db));
    inflight.set(db, run);
    await run;
    return true;
  }
  return false;
}
