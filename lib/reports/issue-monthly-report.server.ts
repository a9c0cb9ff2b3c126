import 'server-only';
import { createHash } from 'node:crypto';
import type { DbOrTx } from '@/db/client';
import {
  getMonthlyReport,
  hasAutomaticReport,
  insertMonthlyReport,
  listAutomaticReportAreas,
  listMonthlyReports,
  listReportAreas,
  type MonthlyReportRow,
  setMonthlyReportPdf,
} from '@/db/queries/monthly-reports';
import { AUDIT } from '@/lib/audit/actions';
import { writeAudit } from '@/lib/audit/write-audit.server';
import { assertCan } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { divisionPrefix, isWithinDivision } from '@/lib/geo/division-code';
import { AppError } from '@/lib/http/errors';
import { getStorage } from '@/lib/intake/storage/get-storage';
import { buildMonthlyReport, previousMonth } from './build-monthly-report.server';
import { launchReportBrowser, renderReportPdf } from './render-report-pdf.server';
import type { MonthlyReportData } from './report-data';

export type IssuedReport = MonthlyReportRow & { data: MonthlyReportData };

/** The reader's division, or NOT_FOUND/FORBIDDEN: reports are read by inspectors and leaders of a division. */
function readerDivision(user: AuthUser) {
  assertCan(user, 'report.read');
  const j = user.jurisdiction;
  if (j.kind !== 'division') throw new AppError('FORBIDDEN', 'Reports need a division jurisdiction');
  return j;
}

function assertAreaReadable(user: AuthUser, areaCode: string) {
  const j = readerDivision(user);
  if (!isWithinDivision(areaCode, j.divisionCode, j.divisionLevel))
    throw new AppError('NOT_FOUND', 'No such area in your jurisdiction');
}

/** Issued reports of the areas inside the reader's division (their own and below), newest month first. */
export async function listReports(db: DbOrTx, user: AuthUser) {
  const j = readerDivision(user);
  return listMonthlyReports(db, { prefix: divisionPrefix(j.divisionCode), limit: 500 });
}

/** The areas the reader may issue reports for (their division, its counties and towns). */
export async function listIssuableAreas(db: DbOrTx, user: AuthUser) {
  const j = readerDivision(user);
  return listReportAreas(db, { prefix: divisionPrefix(j.divisionCode) });
}

/** One issued report, NOT_FOUND outside the reader's jurisdiction. */
export async function getReport(db: DbOrTx, user: AuthUser, id: number): Promise<IssuedReport> {
  readerDivision(user);
  const row = await getMonthlyReport(db, { id });
  if (!row) throw new AppError('NOT_FOUND', 'Report not found');
  assertAreaReadable(user, row.areaCode);
  return row as unknown as IssuedReport;
}

function pdfKey(report: { areaCode: string; month: string; version: number }, sha256: string) {
  return `reports/${report.month.slice(0, 4)}/${report.month.slice(5, 7)}/${report.areaCode}-v${report.version}-${sha256.slice(0, 12)}.pdf`;
}

/** Render and store the PDF of an issued report (once: a stored PDF is never replaced). */
async function storePdf(
  db: DbOrTx,
  report: IssuedReport,
  browser?: ReturnType<typeof launchReportBrowser>,
): Promise<{ key: string; bytes: Uint8Array; sha256: string }> {
  const bytes = await renderReportPdf(
    report.data,
    {
      version: report.version,
      generatedAt: new Date(report.generatedAt).toISOString(),
      generatedByName: report.generatedByName,
    },
    browser,
  );
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const key = pdfKey(report, sha256);
  await getStorage().put(key, bytes, 'application/pdf');
  await setMonthlyReportPdf(db, { id: report.id, key, bytes: bytes.byteLength, sha256 });
  return { key, bytes, sha256 };
}

/** Close a browser started for a PDF that will not be printed. */
async function closeStarted(browser: ReturnType<typeof launchReportBrowser>): Promise<void> {
  await browser.then((b) => b.close()).catch(() => {});
}

export interface IssueResult {
  id: number;
  version: number;
  /** Why the PDF could not be made now (the report itself is issued; the PDF is retried on download). */
  pdfError: { code: string; message: string } | null;
}

/**
 * Issue a new version of the monthly report of `areaCode` for `month` ('YYYY-MM'): assemble its
 * content (buildMonthlyReport), freeze it into `monthly_reports.data`, then print and store the PDF.
 * `user` null = the month-end timer (`automaticOnce`: never a second automatic version).
 */
export async function issueMonthlyReport(
  db: DbOrTx,
  user: AuthUser | null,
  params: { areaCode: string; month: string; now: Date; locale?: string; automaticOnce?: boolean },
): Promise<IssueResult | null> {
  if (user) assertAreaReadable(user, params.areaCode);
  if (params.month > new Date(params.now.getTime() + 8 * 3_600_000).toISOString().slice(0, 7))
    throw new AppError('VALIDATION', 'The month has not begun', [{ path: 'month', message: 'future_month' }]);
  // Chromium starts while the data is assembled (the PDF is printed right after).
  const browser = launchReportBrowser();
  browser.catch(() => {}); // a failed start is reported when the PDF is printed
  let data: MonthlyReportData;
  try {
    data = await buildMonthlyReport(db, {
      areaCode: params.areaCode,
      month: params.month,
      now: params.now,
      locale: params.locale,
    });
  } catch (error) {
    await closeStarted(browser);
    throw error;
  }
  const inserted = await insertMonthlyReport(db, {
    areaCode: params.areaCode,
    month: `${params.month}-01`,
    generatedByUserId: user?.id ?? null,
    locale: data.locale,
    data: data as unknown as Record<string, unknown>,
    automaticOnce: params.automaticOnce,
  });
  if (!inserted) {
    await closeStarted(browser);
    if (params.automaticOnce) return null;
    throw new AppError('CONFLICT', 'Another version was issued at the same moment; try again');
  }
  const report = (await getMonthlyReport(db, { id: inserted.id })) as unknown as IssuedReport;
  let pdfError: IssueResult['pdfError'] = null;
  try {
    await storePdf(db, report, browser);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    pdfError = { code: error.code, message: error.message };
  }
  return { id: inserted.id, version: inserted.version, pdfError };
}

/**
 * The PDF of an issued report (rendered now if it could not be at issue), audited as an export.
 * UNAVAILABLE when the PDF engine is missing.
 */
export async function getReportPdf(
  db: DbOrTx,
  user: AuthUser,
  id: number,
  opts: { ip?: string | null } = {},
): Promise<{ bytes: Uint8Array; filename: string; sha256: string }> {
  const report = await getReport(db, user, id);
  let bytes: Uint8Array | null = null;
  let sha256 = report.pdfSha256;
  if (report.pdfKey) bytes = await getStorage().get(report.pdfKey);
  if (!bytes) {
    const stored = await storePdf(db, report);
    bytes = stored.bytes;
    sha256 = stored.sha256;
  }
  await writeAudit(db, {
    actorUserId: user.id,
    action: AUDIT.export,
    targetType: 'monthly_report',
    targetId: report.id,
    data: { format: 'pdf', areaCode: report.areaCode, month: report.month, version: report.version },
    ip: opts.ip ?? null,
  });
  return {
    bytes,
    sha256: sha256 ?? '',
    filename: `${report.areaName}-${report.month.slice(0, 7)}-v${report.version}.pdf`,
  };
}

/**
 * Month end: once the 1st of a month has begun (CST), issue the previous month's report for the
 * city and each county, once (an area's month with an automatic version is skipped).
 */
export async function issueAutomaticReports(
  db: DbOrTx,
  params: { now: Date },
): Promise<{ month: string; issued: { areaCode: string; id: number; pdfError: string | null }[] }> {
  const month = previousMonth(params.now);
  const issued: { areaCode: string; id: number; pdfError: string | null }[] = [];
  for (const area of await listAutomaticReportAreas(db)) {
    if (await hasAutomaticReport(db, { areaCode: area.code, month: `${month}-01` })) continue;
    const result = await issueMonthlyReport(db, null, {
      areaCode: area.code,
      month,
      now: params.now,
      automaticOnce: true,
    });
    if (result)
      issued.push({ areaCode: area.code, id: result.id, pdfError: result.pdfError?.message ?? null });
  }
  return { month, issued };
}
