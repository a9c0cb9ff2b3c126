/**
 * /hotspots after a Gi* cell click: the cell's complaints are listed, and no request is repeated
 * more than 5 times in 5 seconds (a query key built from a clock read at render refetched the cell
 * forever: 528 requests in 21 s). The result is a link: reopening the URL shows the same cell.
 * Needs a running app with the demo city (APP_URL): see .ci/run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_URL, type Browser, launchBrowser } from '@/lib/testing/browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser({ width: 1440, height: 900 });
});
afterAll(async () => {
  await browser?.close();
});

describe('hot-spot workspace requests', () => {
  it('lists a clicked cell once and keeps the result in the URL', async () => {
    const page = await browser.context.newPage();
    const login = await page.request.post(`${APP_URL}/api/auth/login`, {
      data: { username: 'inspector.xiqu', password: 'Suqiu@2026' },
      headers: { origin: APP_URL },
    });
    expect(login.status()).toBe(200);
    await page.goto(`${APP_URL}/hotspots`, { waitUntil: 'domcontentloaded' });
    await page.getByTestId('analysis-run').click();
    await page.waitForSelector('[data-map-state="ready"]', { timeout: 120_000 });
    await page.waitForTimeout(1000);

    expect(new URL(page.url()).searchParams.get('run')).toBe('gi');
    const requests: { url: string; at: number }[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/')) requests.push({ url: r.url(), at: Date.now() });
    });
    const canvas = page.locator('.analysis__map canvas').last();
    const box = (await canvas.boundingBox())!;
    // Scan a coarse grid of the map until a click selects a cell.
    let clicked = false;
    for (let gy = 0.3; gy <= 0.7 && !clicked; gy += 0.1)
      for (let gx = 0.3; gx <= 0.7 && !clicked; gx += 0.1) {
        await page.mouse.click(box.x + box.width * gx, box.y + box.height * gy);
        clicked = await page
          .getByTestId('cell-detail')
          .waitFor({ timeout: 1500 })
          .then(() => true)
          .catch(() => false);
      }
    expect(clicked).toBe(true);
    const clickedAt = Date.now();
    await page.waitForTimeout(5500);
    const after = requests.filter((r) => r.at >= clickedAt);
    const counts = new Map<string, number>();
    for (const r of after) counts.set(r.url, (counts.get(r.url) ?? 0) + 1);
    for (const [url, n] of counts) expect(n, url).toBeLessThanOrEqual(5);
    const cellRequests = after.filter((r) => r.url.includes('/api/analytics/cell-complaints'));
    expect(cellRequests.length).toBeLessThanOrEqual(1);
    // The cell is in the URL: reopening the link shows it again.
    const url = page.url();
    expect(new URL(url).searchParams.get('cell')).toMatch(/^-?\d+,-?\d+$/);
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    await page.getByTestId('cell-detail').waitFor({ timeout: 120_000 });
    await page.close();
  });
});
