import { listAlertsQuery } from '@/lib/alerts/alert-types';
import { listAlerts } from '@/lib/alerts/list-alerts.server';
import { route } from '@/lib/http/route.server';

/**
 * GET ?state=open|all&limit= → the surge alerts (事前预警) of the caller's division and below, each
 * with its area, category, observed vs expected, limit, start, complaints and one sentence.
 * Recomputed first when complaints arrived since the last run.
 */
export const GET = route(
  { auth: 'session', query: listAlertsQuery, cacheControl: 'no-store' },
  ({ db, user, query }) => listAlerts(db, user, query),
);
