/**
 * For bench:stats: print a monthly report's data (a JSON file) to PDF as `renderReportPdf` does
 * (headless Chromium, `reportPdfOptions`) and print `{"launch": ms, "print": ms, "bytes": n}`. A child script
 * without the react-server condition (the report's HTML uses next-intl's translator, which that
 * condition resolves to its React build).
 */
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { renderReportDocument, reportPdfOptions } from '../lib/reports/render-report-html';
import type { MonthlyReportData } from '../lib/reports/report-data';

const data = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as MonthlyReportData;
const t0 = performance.now();
const browser = await chromium.launch({
  executablePath: process.env.SUQIU_CHROMIUM_PATH || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
});
const t1 = performance.now();
const page = await browser.newPage();
await page.setContent(
  renderReportDocument(data, { version: 1, generatedAt: new Date().toISOString(), generatedByName: 'bench' }),
  { waitUntil: 'load' },
);
await page.emulateMedia({ media: 'print' });
const pdf = await page.pdf(reportPdfOptions(data.locale));
const t2 = performance.now();
await browser.close();
console.log(JSON.stringify({ launch: t1 - t0, print: t2 - t1, bytes: pdf.byteLength }));
