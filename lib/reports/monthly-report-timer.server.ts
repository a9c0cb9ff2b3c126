import 'server-only';
import { getDb } from '@/db/client';
import { startBackgroundTask } from '@/lib/system/background-task.server';
import { issueAutomaticReports } from './issue-monthly-report.server';

/**
 * Month end: every `intervalMs` (default 1 h, SUQIU_REPORT_INTERVAL_MS; 0 turns it off) issue the
 * previous month's report for the city and each county if it has no automatic version yet
 * (`issueAutomaticReports`: once per area and month, whatever the number of processes or restarts).
 * One timer per process (`startBackgroundTask`).
 */
export function startMonthlyReportTimer(
  intervalMs = Number(process.env.SUQIU_REPORT_INTERVAL_MS ?? 3_600_000),
): void {
  startBackgroundTask({
    name: 'monthly report run',
    intervalMs,
    firstRunMs: 60_000, // shortly after start, once the sweep has run
    run: async () => {
      const result = await issueAutomaticReports(await getDb(), { now: new Date() });
      for (const r of result.issued)
        console.info(
          `monthly report ${result.month} ${r.areaCode}: #${r.id}${r.pdfError ? ` (no PDF: ${r.pdfError})` : ''}`,
        );
    },
  });
}
