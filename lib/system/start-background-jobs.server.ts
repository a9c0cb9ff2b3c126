import 'server-only';
import { startSurgeAlertTimer } from '@/lib/alerts/alert-timer.server';
import { startAuditAnchorTimer } from '@/lib/audit/anchor-audit-head.server';
import { startAuditSealTimer } from '@/lib/audit/audit-seal-timer.server';
import { startMonthlyReportTimer } from '@/lib/reports/monthly-report-timer.server';
import { startSweepTimer } from './sweep-timer.server';

/**
 * Every periodic job of a server process, each a `startBackgroundTask` timer (one per process):
 * the audit sealer and its anchor, the sweep (deadlines, spot-check draws, orphan uploads), the
 * month-end report and the surge alerts. Started by instrumentation.ts.
 */
export function startBackgroundJobs(): void {
  startAuditSealTimer();
  startAuditAnchorTimer();
  startSweepTimer();
  startMonthlyReportTimer();
  startSurgeAlertTimer();
}
