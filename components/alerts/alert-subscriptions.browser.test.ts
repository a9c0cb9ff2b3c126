/**
 * /alerts subscriptions in real Chromium against a running app with the demo city (APP_URL): the
 * inspector picks the area by name (西区 › 清香坪街道) in a cascader that starts at their own division,
 * never by typing a division code; the subscription then lists that area, and is removed again.
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

describe('/alerts subscriptions', () => {
  it('subscribes to an area picked by name, not typed as a code', async () => {
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${APP_URL}/login`, { waitUntil: 'domcontentloaded', timeout: 120_000 });
    await page.waitForLoadState('networkidle', { timeout: 60_000 }).catch(() => {});
    await page.locator('#username').fill('inspector.xiqu');
    await page.locator('#password').fill('Suqiu@2026');
    await page.locator('button[type="submit"]').click();
    await page.waitForURL(/\/workbench$/, { timeout: 120_000 });
    await page.goto(`${APP_URL}/alerts`, { waitUntil: 'networkidle', timeout: 120_000 });

    const picker = page.getByTestId('subscription-area');
    await picker.waitFor({ timeout: 60_000 });
    // The picker shows the inspector's own division by name; no code to type anywhere.
    expect(await picker.textContent()).toContain('西区');
    expect(await page.locator('input[value="510403000000"]').count()).toBe(0);

    await picker.click();
    await page.locator('.ant-cascader-menu-item', { hasText: '西区' }).first().click();
    const town = page.locator('.ant-cascader-menu-item', { hasText: '清香坪街道' });
    await town.waitFor({ timeout: 30_000 });
    await town.click();
    await page.keyboard.press('Escape');
    expect(await picker.textContent()).toContain('西区 / 清香坪街道');

    await page.getByRole('button', { name: /^\s*(订\s*阅|Subscribe)\s*$/ }).click();
    const item = page.locator('.ant-list-item', { hasText: '清香坪街道' });
    await item.waitFor({ timeout: 30_000 });
    expect(await item.textContent()).toContain('510403001000');

    // Clean up: remove it again.
    await item.getByRole('button').click();
    await item.waitFor({ state: 'detached', timeout: 30_000 });
    expect(errors).toEqual([]);
    await page.close();
  });
});
