import 'server-only';
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { AppError } from '@/lib/http/errors';
import { type ReportMeta, renderReportDocument, reportPdfOptions } from './render-report-html';
import type { MonthlyReportData } from './report-data';

/** Debian's Chromium by default; `SUQIU_CHROMIUM_PATH` elsewhere. */
export function chromiumPath(): string {
  return process.env.SUQIU_CHROMIUM_PATH || '/usr/bin/chromium';
}

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'];

/**
 * Start headless Chromium for `renderReportPdf` (≈ 0.5–2 s): a caller that will print starts it while
 * it assembles the report's data, then hands it over. Rejects with UNAVAILABLE when Chromium is missing
 * or fails to start.
 */
export async function launchReportBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  // An absolute path outside the project: not a file of the build to trace.
  if (!existsSync(/*turbopackIgnore: true*/ executablePath)) {
    throw new AppError(
      'UNAVAILABLE',
      `PDF engine unavailable: Chromium not found at ${executablePath} (install it or set SUQIU_CHROMIUM_PATH)`,
    );
  }
  const { chromium } = await import('playwright-core');
  try {
    return await chromium.launch({ executablePath, headless: true, args: ARGS, timeout: 30_000 });
  } catch (error) {
    console.error('PDF engine failed to start', error);
    throw new AppError(
      'UNAVAILABLE',
      `PDF engine failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    );
  }
}

/**
 * Print the report's HTML (the same markup as the web view) to an A4 PDF with headless Chromium:
 * page numbers in the footer, fonts embedded by Chromium (the CJK font must be installed, e.g.
 * fonts-wqy-zenhei). No network: the document is set as content, maps and charts are inline SVG.
 * A missing or failing Chromium is an UNAVAILABLE error with a message saying so, never a crash.
 */
export async function renderReportPdf(
  data: MonthlyReportData,
  meta: ReportMeta,
  /** A browser from `launchReportBrowser`, started earlier (closed here either way); else one is started. */
  started?: Promise<Browser>,
): Promise<Uint8Array> {
  let browser: Browser | null = null;
  try {
    browser = await (started ?? launchReportBrowser());
    const page = await browser.newPage();
    await page.setContent(renderReportDocument(data, meta), { waitUntil: 'load', timeout: 30_000 });
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf(reportPdfOptions(data.locale));
    return new Uint8Array(pdf);
  } catch (error) {
    if (error instanceof AppError) throw error;
    console.error('PDF rendering failed', error);
    throw new AppError(
      'UNAVAILABLE',
      `PDF engine failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    );
  } finally {
    await browser?.close().catch(() => {});
  }
}
