/**
 * The home page in real Chromium: the map loads, the basemap is drawn from our own data and the
 * complaints layer is drawn by deck.gl — checked on the pixels of a screenshot, not the DOM.
 * Needs a running app with the demo city (APP_URL, default http://127.0.0.1:3100): see .ci/run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEADLINE_COLORS } from '@/lib/sla/deadline-state';
import { APP_URL, type Browser, launchBrowser } from '@/lib/testing/browser';
import { countColour, hexToRgb } from '@/lib/testing/pixels';
import { COUNTY_FILLS } from './base-style';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('home page map', () => {
  it('draws the county areas and the complaint points', async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(APP_URL, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('[data-map-state="ready"]', { timeout: 90_000 });
    // Let both canvases finish their frame.
    await page.waitForTimeout(1500);
    const shot = await page.locator('.home-map').screenshot();
    if (process.env.SCREENSHOT_DIR) {
      const { writeFileSync } = await import('node:fs');
      writeFileSync(`${process.env.SCREENSHOT_DIR}/home-map.png`, shot);
    }
    const countyPixels = COUNTY_FILLS.map((hex) => countColour(shot, hexToRgb(hex), 6));
    // All five counties are filled, each with a visible area.
    for (const n of countyPixels) expect(n).toBeGreaterThan(500);
    const points = Number(await page.locator('.home-map').getAttribute('data-complaints'));
    expect(points).toBeGreaterThan(100);
    // deck.gl drew the complaints: dots in the deadline colours (grey for resolved ones).
    const dotPixels = (['on_track', 'due_soon', 'overdue', 'done'] as const).reduce(
      (sum, s) => sum + countColour(shot, DEADLINE_COLORS[s], 20),
      0,
    );
    expect(dotPixels).toBeGreaterThan(1000);
    // Chinese labels use a CJK font, and the header says who is signed in.
    await expect(page.locator('header').textContent()).resolves.toContain('登录');
    expect(errors).toEqual([]);
    await page.close();
  });
});
