/**
 * The hot-spot workspace in real Chromium, as the 西区 inspector: Gi* cells are drawn in the hot-spot
 * colours (checked on screenshot pixels) with the parameters reported, and the clue tab finds
 * the 6 community health centres of 西区 pointing to the district health bureau.
 * Needs a running app with the demo city (APP_URL): see .ci/run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_URL, type Browser, launchBrowser } from '@/lib/testing/browser';
import { countColour } from '@/lib/testing/pixels';
import { BIN_COLORS } from './analysis-layers';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser({ width: 1440, height: 900 });
});
afterAll(async () => {
  await browser?.close();
});

describe('hot-spot workspace', () => {
  it('draws Gi* hot spots and finds the health-centre clue', async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const login = await page.request.post(`${APP_URL}/api/auth/login`, {
      data: { username: 'inspector.xiqu', password: 'Suqiu@2026' },
      headers: { origin: APP_URL },
    });
    expect(login.status()).toBe(200);
    await page.goto(`${APP_URL}/hotspots`, { waitUntil: 'domcontentloaded' });
    await page.getByTestId('analysis-run').click();
    await page.waitForSelector('[data-map-state="ready"]', { timeout: 120_000 });
    await page.waitForTimeout(1500);
    const shot = await page.locator('.analysis__map').screenshot();
    if (process.env.SCREENSHOT_DIR) {
      const { writeFileSync } = await import('node:fs');
      writeFileSync(`${process.env.SCREENSHOT_DIR}/hotspots.png`, shot);
    }
    // Hot-spot cells (any confidence) are drawn; their colours are blended over the basemap, so
    // compare loosely.
    const hot = (['1', '2', '3'] as const).reduce(
      (n, b) => n + countColour(shot, BIN_COLORS[b]!.slice(0, 3) as [number, number, number], 40),
      0,
    );
    expect(hot).toBeGreaterThan(200);
    // The parameters are reported with the projected CRS.
    await expect(page.locator('.analysis__params').textContent()).resolves.toContain('EPSG:4543');
    // Clues: the cross-entity finding for the 西区 health centres.
    await page.getByRole('tab', { name: '线索' }).click();
    await page
      .getByText('西区卫生健康局监管的6个社区卫生服务中心', { exact: false })
      .first()
      .waitFor({ timeout: 60_000 });
    expect(errors).toEqual([]);
    await page.close();
  });
});
