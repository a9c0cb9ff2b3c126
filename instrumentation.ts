/**
 * Next.js start-up hook: start the audit sealer, the deadline sweep, month-end report and surge alert timers in
 * the Node.js server (not at build, not on the edge, not in the workers of `npm run start:cluster`
 * other than the first: SUQIU_BACKGROUND=0).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  if (process.env.NODE_ENV === 'production') {
    // Without the media secret every attachment link would fail: refuse to start, saying why.
    const { mediaSecretProblem } = await import('./lib/intake/media-secret.mjs');
    const problem = mediaSecretProblem();
    if (problem) {
      console.error(`suqiu: refusing to start. ${problem}`);
      process.exit(1);
    }
  }
  if (process.env.SUQIU_BACKGROUND === '0') return;
  const { startAuditSealTimer } = await import('./lib/audit/audit-seal-timer.server');
  startAuditSealTimer();
  const { startAuditAnchorTimer } = await import('./lib/audit/anchor-audit-head.server');
  startAuditAnchorTimer();
  const { startDeadlineSweepTimer } = await import('./lib/sla/deadline-sweep-timer.server');
  startDeadlineSweepTimer();
  const { startMonthlyReportTimer } = await import('./lib/reports/monthly-report-timer.server');
  startMonthlyReportTimer();
  const { startSurgeAlertTimer } = await import('./lib/alerts/alert-timer.server');
  startSurgeAlertTimer();
}
