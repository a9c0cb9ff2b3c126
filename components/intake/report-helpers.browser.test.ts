/**
 * The report form's helpers in real Chromium at 360 × 740: the category proposal appears while
 * typing (from GET /api/v1/categories/suggest) and can be adopted; a building found by its address
 * puts the pin on it and goes with the submission; a search without matches says so in Chinese.
 * Needs a running app with the demo city and a trained suggester (APP_URL). SCREENSHOT_DIR keeps
 * the screenshots.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_URL, type Browser, launchBrowser } from '@/lib/testing/browser';

let browser: Browser;
const shots = process.env.SCREENSHOT_DIR;
beforeAll(async () => {
  browser = await launchBrowser({ width: 360, height: 740 });
  if (shots) mkdirSync(shots, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

describe('report form helpers (360 px)', () => {
  it('proposes categories while typing and finds a building by its address', async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${APP_URL}/report`, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('[data-map-ready="true"]', { timeout: 90_000 });

    await page
      .locator('textarea[name="description"]')
      .fill('小区门口的路灯坏了一个星期，晚上黑漆漆的，老人出门容易摔倒。');
    const suggestion = page.locator('[data-testid="category-suggestion"]');
    await suggestion.waitFor({ timeout: 30_000 });
    const chips = page.locator('[data-testid="suggestion-chip"]');
    expect(await chips.count()).toBeGreaterThan(0);
    expect(await chips.first().textContent()).toMatch(/\d+%$/);

    // A search without matches: a Chinese empty state.
    const search = page.locator('[data-testid="building-search"]');
    await search.fill('没有这个地方的路');
    await expect
      .poll(() => page.locator('[data-testid="building-empty"]').textContent(), { timeout: 20_000 })
      .toMatch(/没有找到/);

    await search.fill('光明西路 75');
    const hits = page.locator('[data-testid="building-hits"] button');
    await hits.first().waitFor({ timeout: 20_000 });
    const first = (await hits.first().locator('span').first().textContent()) ?? '';
    expect(first).toContain('光明西路');
    await page.locator('[data-testid="building-hits"]').scrollIntoViewIfNeeded();
    if (shots) await page.screenshot({ path: path.join(shots, 'report-360-search.png') });

    await hits.first().click();
    await expect
      .poll(() => page.locator('[data-testid="building-picked"]').textContent(), { timeout: 5_000 })
      .toContain(first.trim());
    await expect
      .poll(() => page.locator('[data-testid="place-building"]').textContent(), { timeout: 15_000 })
      .toContain(first.trim());
    await suggestion.scrollIntoViewIfNeeded();
    if (shots) await page.screenshot({ path: path.join(shots, 'report-360-picked-suggested.png') });

    // Adopt the first proposal, then submit: the building goes with the complaint.
    await chips.first().click();
    expect(await page.getByTestId('category-chosen').getAttribute('data-code')).toMatch(/^[A-Z]{2}\d{2}$/);
    const submitted = page.waitForResponse((r) => r.url().endsWith('/api/v1/complaints'));
    await page.locator('button[type="submit"]').click();
    const response = await submitted;
    expect(response.status()).toBe(201);
    const body = JSON.parse(response.request().postData() ?? '{}') as { buildingId?: number };
    expect(body.buildingId).toBeGreaterThan(0);
    await page.locator('[data-testid="receipt"]').waitFor({ timeout: 20_000 });
    // No horizontal scrolling at 360 px.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(errors).toEqual([]);
  }, 180_000);
});
