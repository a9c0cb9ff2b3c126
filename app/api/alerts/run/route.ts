import type { AlertRunResponse } from '@/lib/alerts/alert-types';
import { runSurgeAlerts } from '@/lib/alerts/run-surge-alerts.server';
import { route } from '@/lib/http/route.server';

/**
 * POST → compute the surge alerts now (inspectors, admins; or an external scheduler with
 * `Authorization: Bearer $SUQIU_SWEEP_TOKEN`). Answers the run's counts only, never alerts.
 */
export const POST = route(
  { auth: { action: 'alert.run', bearer: 'SUQIU_SWEEP_TOKEN' } },
  async ({ db }): Promise<AlertRunResponse> => ({
    run: await runSurgeAlerts(db, { now: new Date(), trigger: 'demand' }),
  }),
);
