import 'server-only';
import { getDb } from '@/db/client';
import { issueAutomaticReports } from './issue-monthly-report.server';

const g = globalThis as unknown as { __suqiuReportTimer?: ReturnType<typeof setInterval> };

/**
 * Month end: every `intervalMs` (default 1 h, SUQIU_REPORT_INTERVAL_MS; 0 turns it off) issue the
 * previous month's report for the city and each county if it has no automatic version yet
 * (`issueAutomaticReports`: once per area and month, whatever the number of processes or restarts).
 * One timer per process. All state is in the database.
 */
export function startMonthlyReportTimer(
  intervalMs = Number(process.env.SUQIU_REPORT_INTERVAL_MS ?? 3_600_000),
): void {
  if (g.__suqiuReportTimer || !(intervalMs > 0)) return;
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const result = await issueAutomaticReports(await getDb(), { now: new Date() });
      for (const r of result.issued)
        console.info(
          `monthly report ${result.month} ${r.areaCode}: #${r.id}${r.pdfError ? ` (no PDF: ${r.pdfError})` : ''}`,
        );
    } catch (error) {
      console.error('monthly report run failed', error);
    } finally {
      running = false;
    }
  };
  g.__suqiuReportTimer = setInterval(run, intervalMs);
  g.__suqiuReportTimer.unref?.();
  setTimeout(run, 60_000).unref?.(); // shortly after start, once the sweep has run
}
