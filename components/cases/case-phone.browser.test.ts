/**
 * The case page on a 360 px phone in real Chromium against a running app with the demo city
 * (APP_URL): the facts table turns into one column, so that a date such as `2026-12-05 16:48` stays
 * on one line instead of being broken character by character in a quarter of the width.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_URL, type Browser, launchBrowser } from '@/lib/testing/browser';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser({ width: 360, height: 740 });
});
afterAll(async () => {
  await browser?.close();
});

describe('/cases/<id> at 360 px', () => {
  it('shows the facts in one column with dates on one line', async () => {
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    await page.goto(`${APP_URL}/login`, { waitUntil: 'domcontentloaded', timeout: 120_000 });
    await page.waitForLoadState('networkidle', { timeout: 60_000 }).catch(() => {});
    await page.locator('#username').fill('handler.xiqu.health');
    await page.locator('#password').fill('Suqiu@2026');
    await page.locator('button[type="submit"]').click();
    await page.waitForURL(/\/(workbench|inbox)$/, { timeout: 120_000 });
    await page.goto(`${APP_URL}/inbox`, { waitUntil: 'networkidle', timeout: 120_000 });
    const first = page.locator('a[href^="/cases/"]').first();
    await first.waitFor({ timeout: 60_000 });
    await page.goto(`${APP_URL}${await first.getAttribute('href')}`, {
      waitUntil: 'networkidle',
      timeout: 120_000,
    });
    const facts = page.locator('.ant-descriptions-bordered').first();
    await facts.waitFor({ timeout: 60_000 });
    const labelsPerRow = await facts
      .locator('tr.ant-descriptions-row')
      .evaluateAll((rows) => rows.map((r) => r.querySelectorAll('.ant-descriptions-item-label').length));
    expect(labelsPerRow.length).toBeGreaterThan(3);
    expect(Math.max(...labelsPerRow)).toBe(1);
    // The submission time (first value) fits on one line.
    const { height, lineHeight } = await facts
      .locator('td.ant-descriptions-item-content')
      .first()
      .evaluate((td) => {
        const range = document.createRange();
        range.selectNodeContents(td);
        return {
          height: range.getBoundingClientRect().height,
          lineHeight: Number.parseFloat(getComputedStyle(td).lineHeight) || 22,
        };
      });
    expect(height).toBeLessThan(lineHeight * 1.5);
    await page.close();
  });
});
