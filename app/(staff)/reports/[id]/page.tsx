import { notFound } from 'next/navigation';
import { getLocale } from 'next-intl/server';
import { ReportToolbar } from '@/components/reports/report-toolbar';
import { getDb } from '@/db/client';
import { listLevel1Categories } from '@/db/queries/stats';
import { requirePage } from '@/lib/auth/require-page.server';
import { AppError } from '@/lib/http/errors';
import { getReport, listReports } from '@/lib/reports/issue-monthly-report.server';
import { REPORT_CSS, renderReportHtml } from '@/lib/reports/render-report-html';

/** On screen: an A4 sheet; printed: only the sheet (the PDF prints this same markup). */
const PAGE_CSS = `
.report-sheet { background: #fff; width: 210mm; max-width: 100%; margin: 0 auto 24px; padding: 16mm 14mm; box-shadow: 0 1px 6px rgba(0,0,0,.12); box-sizing: border-box; }
.report-toolbar { max-width: 210mm; margin: 0 auto 12px; }
@media print {
  .staff__sidebar, .report-toolbar { display: none !important; }
  .staff, .staff__content { display: block !important; padding: 0 !important; margin: 0 !important; overflow: visible !important; height: auto !important; }
  .report-sheet { box-shadow: none; padding: 0; width: auto; margin: 0; }
  html, body { background: #fff !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}`;

/** One issued report (月度数据报告) exactly as issued, print-ready. */
export default async function ReportPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePage('reports');
  const { id } = await params;
  const n = Number(id);
  if (!Number.isInteger(n) || n <= 0) notFound();
  const db = await getDb();
  const report = await getReport(db, user, n).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'NOT_FOUND') notFound();
    throw error;
  });
  const versions = (await listReports(db, user))
    .filter((r) => r.areaCode === report.areaCode && r.month === report.month)
    .map((r) => ({ id: r.id, version: r.version }))
    .sort((a, b) => a.version - b.version);
  // The web view speaks the viewer's language; the PDF stays in the language it was issued in.
  const locale = await getLocale();
  const level1 = await listLevel1Categories(db);
  const categoryNames = Object.fromEntries(
    level1.map((c) => [c.code, locale === 'en' ? c.nameEn : c.nameZh]),
  );
  const categoryCodesByName = Object.fromEntries(
    level1.flatMap((c) => [
      [c.nameZh, c.code],
      [c.nameEn, c.code],
    ]),
  );
  const html = renderReportHtml(
    report.data,
    {
      version: report.version,
      generatedAt: new Date(report.generatedAt).toISOString(),
      generatedByName: report.generatedByName,
    },
    { locale, categoryNames, categoryCodesByName },
  );
  return (
    <div className="staff__page report-page">
      <style>{REPORT_CSS + PAGE_CSS}</style>
      <ReportToolbar
        id={report.id}
        areaCode={report.areaCode}
        month={report.month.slice(0, 7)}
        versions={versions}
      />
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: built from the frozen report data, every value escaped (render-report-html.ts), no scripts */}
      <div className="report-sheet" dangerouslySetInnerHTML={{ __html: html }} />
    </div>
  );
}
