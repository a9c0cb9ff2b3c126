/**
 * The grid worker's workspace (/grid) in real Chromium against a running app with the demo city
 * (APP_URL): the grid worker lands on it after signing in, sees their grid's buildings with complaint
 * counts (each equal to the complaints linked to the building, when the test can reach the database),
 * the map draws, a visit recorded from a building appears under 走访记录, "代居民反映" opens the
 * report form with the building chosen and the report then counts on that building; the page fits a
 * 360 px phone; a handler gets the 403 page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_URL, type Browser, launchBrowser } from '@/lib/testing/browser';

const PASSWORD = 'Suqiu@2026';
const DB_URL = process.env.DATABASE_URL ?? process.env.SERVER_URL;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser({ width: 1440, height: 900 });
});
afterAll(async () => {
  await browser?.close();
});

async function signInThroughForm(username: string) {
  await browser.context.clearCookies();
  const page = await browser.context.newPage();
  await page.goto(`${APP_URL}/login`, { waitUntil: 'domcontentloaded', timeout: 120_000 });
  // The form posts through React: wait until the page is hydrated and quiet.
  await page.waitForLoadState('networkidle', { timeout: 60_000 }).catch(() => {});
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(PASSWORD);
  await page.locator('button[type="submit"]').click();
  return page;
}

async function complaintsOfBuilding(id: number): Promise<number | null> {
  if (!DB_URL) return null;
  const { Client } = await import('pg');
  const client = new Client({ connectionString: DB_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      "select count(*)::int as n from complaints where building_id = $1 and kind = 'complaint'",
      [id],
    );
    return rows[0]!.n;
  } finally {
    await client.end();
  }
}

describe('/grid', () => {
  it('lands the grid worker on their buildings with counts, and records a visit', async () => {
    const page = await signInThroughForm('grid.dongqu');
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.waitForURL(/\/grid$/, { timeout: 120_000 });
    await page.locator('[data-testid="grid-buildings"] li').first().waitFor({ timeout: 60_000 });
    await page.locator('[data-testid="grid-map"][data-map-ready="true"]').waitFor({ timeout: 90_000 });

    const rows = page.locator('[data-testid="grid-buildings"] > li');
    const counts = await rows.evaluateAll((els) =>
      els.map((e) => ({
        id: Number(e.getAttribute('data-building-id')),
        n: Number(e.getAttribute('data-complaints')),
      })),
    );
    expect(counts.length).toBe(Number(await page.getByTestId('stat-buildings').textContent()));
    const total = counts.reduce((s, c) => s + c.n, 0);
    expect(total).toBe(Number(await page.getByTestId('stat-complaints').textContent()));
    // Each count is the complaints linked to the building.
    for (const c of counts.slice(0, 3)) {
      const fromDb = await complaintsOfBuilding(c.id);
      if (fromDb !== null) expect(c.n).toBe(fromDb);
    }

    const outcome = `浏览器测试走访 ${Date.now().toString(36)}`;
    const first = rows.first();
    await first.getByTestId('record-visit').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('visit-outcome').fill(outcome);
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 30_000 });
    await page.getByRole('tab', { name: /走访记录/ }).click();
    await page.getByTestId('grid-visits').getByText(outcome).waitFor({ timeout: 30_000 });
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);

  it('reports on a resident’s behalf from a building, which then counts it; fits a 360 px phone', async () => {
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 360, height: 740 });
    const login = await page.request.post(`${APP_URL}/api/auth/login`, {
      data: { username: 'grid.dongqu', password: PASSWORD },
      headers: { origin: APP_URL },
    });
    expect(login.status()).toBe(200);
    await page.goto(`${APP_URL}/grid`, { waitUntil: 'domcontentloaded', timeout: 120_000 });
    const first = page.locator('[data-testid="grid-buildings"] > li').first();
    await first.waitFor({ timeout: 60_000 });
    // The workspace itself fits the phone (the shared header is outside it).
    const right = await page
      .getByTestId('grid-workspace')
      .evaluate((el) =>
        Math.max(...[...el.querySelectorAll('*')].map((e) => e.getBoundingClientRect().right)),
      );
    expect(right).toBeLessThanOrEqual(361);
    const id = Number(await first.getAttribute('data-building-id'));
    const before = Number(await first.getAttribute('data-complaints'));
    const address = (await first.locator('strong').first().textContent())!.trim();
    await first.getByTestId('report-on-behalf').click();
    await page.waitForURL(/\/report\?building=\d+/, { timeout: 60_000 });
    await page.getByTestId('building-picked').getByText(address).waitFor({ timeout: 60_000 });
    await page.locator('[data-testid="pin-status"][data-place="found"]').waitFor({ timeout: 30_000 });
    await page
      .locator('textarea[name="description"]')
      .fill('坝坝会上居民反映：这栋楼的楼道灯坏了半个月，晚上上下楼看不见，老人摔过一次。');
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByTestId('receipt').waitFor({ timeout: 60_000 });
    await page.goto(`${APP_URL}/grid`, { waitUntil: 'domcontentloaded', timeout: 120_000 });
    const row = page.locator(`[data-building-id="${id}"]`);
    await row.waitFor({ timeout: 60_000 });
    expect(Number(await row.getAttribute('data-complaints'))).toBe(before + 1);
    await page.close();
  }, 300_000);

  it('is a 403 page for a handler', async () => {
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    await page.request.post(`${APP_URL}/api/auth/login`, {
      data: { username: 'handler.xiqu.health', password: PASSWORD },
      headers: { origin: APP_URL },
    });
    const res = await page.goto(`${APP_URL}/grid`, { waitUntil: 'domcontentloaded', timeout: 120_000 });
    expect(res?.status()).toBe(403);
    await page.close();
  }, 120_000);
});
