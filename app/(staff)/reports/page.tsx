import { forbidden } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ReportList } from '@/components/reports/report-list';
import { getDb } from '@/db/client';
import { requirePage } from '@/lib/auth/require-page.server';
import { listIssuableAreas, listReports } from '@/lib/reports/issue-monthly-report.server';
import { addMonths } from '@/lib/stats/period';

/** 月度数据报告: issued reports of the caller's areas, and issuing one on demand (inspectors, leaders). */
export default async function ReportsPage() {
  const user = await requirePage('reports');
  const t = await getTranslations('reports.report.list');
  // requirePage('reports') admits division users only; this narrows the type.
  if (user.jurisdiction.kind !== 'division') forbidden();
  const db = await getDb();
  const [rows, areas] = await Promise.all([listReports(db, user), listIssuableAreas(db, user)]);
  const thisMonth = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
  const months = Array.from({ length: 24 }, (_, k) => addMonths(thisMonth, -k));
  return (
    <div className="staff__page">
      <h1>{t('title')}</h1>
      <p className="staff__hint">{t('subtitle')}</p>
      <ReportList
        rows={rows.map((r) => ({
          id: r.id,
          areaCode: r.areaCode,
          areaName: r.areaName,
          areaLevel: r.areaLevel,
          month: r.month,
          version: r.version,
          generatedAt: new Date(r.generatedAt).toISOString(),
          generatedByName: r.generatedByName,
          pdfBytes: r.pdfBytes,
        }))}
        areas={areas.map((a) => ({ code: a.code, name: a.name, level: a.level }))}
        months={months}
        defaultArea={user.jurisdiction.divisionCode}
      />
    </div>
  );
}
