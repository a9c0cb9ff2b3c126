import 'server-only';
import { getDb } from '@/db/client';
import { startBackgroundTask } from '@/lib/system/background-task.server';
import { runSurgeAlerts } from './run-surge-alerts.server';

/**
 * 事前预警 on a schedule: a surge run every `intervalMs` (default 5 min, SUQIU_ALERT_INTERVAL_MS; 0 turns
 * it off, e.g. when an external scheduler calls POST /api/alerts/run). Reads of GET /api/alerts
 * recompute in between when complaints arrived (`ensureFreshAlerts`).
 */
export function startSurgeAlertTimer(
  intervalMs = Number(process.env.SUQIU_ALERT_INTERVAL_MS ?? 300_000),
): void {
  startBackgroundTask({
    name: 'surge alerts',
    intervalMs,
    firstRunMs: 20_000,
    run: async () => {
      const result = await runSurgeAlerts(await getDb(), { now: new Date(), trigger: 'schedule' });
      if (result.opened + result.closed > 0)
        console.info(`surge alerts: ${result.opened} opened, ${result.closed} closed, ${result.open} open`);
    },
  });
}
