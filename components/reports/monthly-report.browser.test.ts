/**
 * The monthly report end to end in real Chromium against the built, seeded app: a city leader issues
 * last month's report from /reports, the web view shows it, the stored PDF is downloaded and its
 * text (read back with unpdf) states the same figures the statistics give for that area and month
 * (GET /api/export/stats.xlsx?table=indicators), with page numbers in the footer.
 */
import ExcelJS from 'exceljs';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_URL, type Browser, launchBrowser } from '@/lib/testing/browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser({ width: 1280, height: 900 });
});
afterAll(async () => {
  await browser?.close();
});

/** The previous calendar month in China time, 'YYYY-MM', and its first and last days. */
function lastMonth(): { month: string; from: string; to: string } {
  const cst = new Date(Date.now() + 8 * 3_600_000);
  const first = new Date(Date.UTC(cst.getUTCFullYear(), cst.getUTCMonth() - 1, 1));
  const last = new Date(Date.UTC(cst.getUTCFullYear(), cst.getUTCMonth(), 0));
  return {
    month: first.toISOString().slice(0, 7),
    from: first.toISOString().slice(0, 10),
    to: last.toISOString().slice(0, 10),
  };
}

describe('monthly report', () => {
  it('is issued from /reports, shown as a web page and printed to a PDF with the statistics’ figures and page numbers', async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const login = await page.request.post(`${APP_URL}/api/auth/login`, {
      data: { username: 'leader.city', password: 'Suqiu@2026' },
      headers: { origin: APP_URL },
    });
    expect(login.status()).toBe(200);
    const me = (await (await page.request.get(`${APP_URL}/api/auth/me`)).json()) as {
      user: { jurisdiction: { divisionCode: string } };
    };
    const area = me.user.jurisdiction.divisionCode;
    const { month, from, to } = lastMonth();

    await page.goto(`${APP_URL}/reports`, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('[data-testid="report-generate"][data-ready="true"]', { timeout: 60_000 });
    // The form opens on the leader's own area and last month: issue it.
    await page.locator('[data-testid="report-generate"] button[type="submit"]').click();
    await page.waitForURL(/\/reports\/\d+$/, { timeout: 170_000 });
    const id = Number(new URL(page.url()).pathname.split('/').pop());
    await page.waitForSelector('.report-sheet h1');
    const title = await page.locator('.report-sheet h1').textContent();
    expect(title).toContain(`${Number(month.slice(0, 4))}年${Number(month.slice(5))}月数据报告`);
    // The hot-spot map is an inline SVG with the area and its counties.
    expect(await page.locator('.report-sheet svg.map path').count()).toBeGreaterThan(3);

    // The statistics for the same area and month.
    const stats = await page.request.get(
      `${APP_URL}/api/export/stats.xlsx?table=indicators&area=${area}&from=${from}&to=${to}`,
    );
    expect(stats.status()).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await stats.body()).buffer as ArrayBuffer);
    const rows = book.worksheets[0]!.getSheetValues().slice(2) as unknown[][];
    const figure = (name: string) => rows.find((r) => r?.[1] === name)?.[3] as number | null;
    const volume = figure('受理量');
    const satisfaction = figure('满意率');
    const onTime = figure('按时办结率');
    expect(volume).toBeGreaterThan(0);

    const pdf = await page.request.get(`${APP_URL}/api/reports/${id}/pdf?download=1`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const bytes = new Uint8Array(await pdf.body());
    const doc = await getDocumentProxy(bytes);
    const { totalPages, text } = await extractText(doc, { mergePages: true });
    const flat = text.replace(/\s+/g, ' ');
    expect(totalPages).toBeGreaterThanOrEqual(2);
    expect(flat).toContain(title!.trim());
    expect(flat).toContain(`本月共受理诉求 ${volume} 件`);
    if (satisfaction !== null) expect(flat).toContain(`${satisfaction.toFixed(1)}%`);
    if (onTime !== null) expect(flat).toContain(`${onTime.toFixed(1)}%`);
    expect(flat).toContain(`第 1 页 共 ${totalPages} 页`);
    expect(flat).toContain(`第 ${totalPages} 页 共 ${totalPages} 页`);

    if (process.env.SCREENSHOT_DIR) {
      const { writeFileSync } = await import('node:fs');
      writeFileSync(`${process.env.SCREENSHOT_DIR}/monthly-report.pdf`, bytes);
      await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/monthly-report.png`, fullPage: false });
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the inbox exports to Excel with progress: the same cases as on the page', async () => {
    const page = await browser.context.newPage();
    const login = await page.request.post(`${APP_URL}/api/auth/login`, {
      data: { username: 'handler.xiqu.health', password: 'Suqiu@2026' },
      headers: { origin: APP_URL },
    });
    expect(login.status()).toBe(200);
    await page.goto(`${APP_URL}/inbox`, { waitUntil: 'networkidle' });
    const codes = (await page.locator('.ant-table-tbody tr').allTextContents())
      .map((t) => /· ([0-9A-Z]{8})/.exec(t)?.[1])
      .filter(Boolean);
    expect(codes.length).toBeGreaterThan(0);
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.locator('[data-testid="export-button"] button').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^诉求清单-inbox-\d{4}-\d{2}-\d{2}\.xlsx$/);
    await page.waitForSelector('[data-testid="export-done"]');
    const file = await download.path();
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file!);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('诉求编号');
    const exported = (sheet.getSheetValues().slice(2) as unknown[][]).map((r) => r[1]);
    // The page shows the first 20; the export has every case of the inbox, in the same order.
    expect(exported.slice(0, codes.length)).toEqual(codes);
    await page.close();
  });
});
