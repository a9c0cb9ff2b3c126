/**
 * The workbench in real Chromium against a running app with the demo city (APP_URL): each staff
 * role lands on its page after signing in and sees its counts; a count opens the list it was
 * counted from, and that list holds exactly that many cases (handler: overdue and the inbox filter;
 * inspector: the manual dispatch queue; admin: a configuration screen).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_URL, type Browser, launchBrowser } from '@/lib/testing/browser';

const PASSWORD = 'Suqiu@2026';
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser({ width: 1440, height: 900 });
});
afterAll(async () => {
  await browser?.close();
});

async function signIn(username: string) {
  await browser.context.clearCookies();
  const page = await browser.context.newPage();
  await page.goto(`${APP_URL}/login`, { waitUntil: 'domcontentloaded', timeout: 120_000 });
  // The form posts through React: wait until the page is hydrated and quiet.
  await page.waitForLoadState('networkidle', { timeout: 60_000 }).catch(() => {});
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(PASSWORD);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL(/\/workbench$/, { timeout: 120_000 });
  await page.getByTestId('workbench-counts').waitFor({ timeout: 60_000 });
  return page;
}

async function tile(page: import('playwright-core').Page, key: string) {
  const link = page.locator(`[data-tile="${key}"]`);
  return {
    link,
    count: Number(await link.getAttribute('data-count')),
    href: await link.getAttribute('href'),
  };
}

describe('workbench', () => {
  it('handler: each count opens the inbox narrowed to exactly those cases', async () => {
    const page = await signIn('handler.xiqu.health');
    for (const key of ['overdue', 'toAccept', 'dueSoon', 'inboxOpen']) {
      const t = await tile(page, key);
      expect(t.href).toMatch(/^\/inbox/);
      await t.link.click();
      await page.waitForURL(/\/inbox/, { timeout: 60_000 });
      const hint = await page.locator('.staff__hint').first().textContent();
      const shown = Number(/共\s*(\d+)\s*件/.exec(hint ?? '')?.[1]);
      expect(shown, key).toBe(Math.min(t.count, 200));
      await page.goto(`${APP_URL}/workbench`, { waitUntil: 'domcontentloaded' });
      await page.getByTestId('workbench-counts').waitFor();
    }
    const letters = await tile(page, 'lettersToAnswer');
    expect(letters.href).toBe('/inbox#open-letters');
    await page.close();
  }, 300_000);

  it('inspector: the manual dispatch count is the dispatch queue', async () => {
    const page = await signIn('inspector.xiqu');
    for (const key of ['overdue', 'dueSoon', 'lettersOpen', 'spotChecks']) {
      expect((await tile(page, key)).href).toMatch(/^\/supervision#board-/);
    }
    const t = await tile(page, 'manualQueue');
    expect(t.href).toBe('/dispatch');
    await t.link.click();
    await page.waitForURL(/\/dispatch$/, { timeout: 60_000 });
    await page.locator('.ant-table').waitFor({ timeout: 60_000 });
    const rows = await page.locator('[data-case-link]').count();
    expect(rows).toBe(Math.min(t.count, 50));
    await page.close();
  }, 240_000);

  it('leader and admin: counts link to pages they may open', async () => {
    for (const [user, key, path] of [
      ['leader.city', 'overdue', '/map?dl=overdue'],
      ['admin', 'users', '/admin/users'],
    ] as const) {
      const page = await signIn(user);
      const t = await tile(page, key);
      expect(t.href).toBe(path);
      expect(t.count).toBeGreaterThan(0);
      const res = await page.goto(`${APP_URL}${t.href}`, { waitUntil: 'domcontentloaded', timeout: 120_000 });
      expect(res?.status()).toBe(200);
      await page.close();
    }
  }, 240_000);
});
