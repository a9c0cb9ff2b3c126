/**
 * 每月一题 in real Chromium against a running app with the demo city (APP_URL): the city's leader
 * sees the ranked candidates in Chinese and picks one (unless this month's topic was picked already),
 * lands on its page with the chart and the before/after comparison; 西区's inspector sees 西区's
 * candidates only; a handler gets 403. Screenshots go to test-results/topics/.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_URL, type Browser, launchBrowser } from '@/lib/testing/browser';
import { signIn as signInAs } from '@/lib/testing/sign-in';

const SHOTS = path.resolve(import.meta.dirname, '../../test-results/topics');
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await launchBrowser({ width: 1440, height: 900 });
});
afterAll(async () => {
  await browser?.close();
});

/** Signed in as a demo user (the shared helper: lib/testing/sign-in.ts). */
const signIn = (username: string) => signInAs(browser.context, username);

async function open(page: Page, url: string) {
  const response = await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 120_000 });
  await page.waitForLoadState('networkidle', { timeout: 60_000 }).catch(() => {});
  return response;
}

describe('每月一题', () => {
  it('the city leader sees ranked candidates, picks one and follows it', async () => {
    const page = await signIn('leader.city');
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await open(page, `${APP_URL}/topics`);
    await page.getByRole('heading', { name: '每月一题' }).waitFor({ timeout: 30_000 });
    const rows = await page.locator('[data-topic-candidate]').count();
    expect(rows).toBeGreaterThan(3);
    await page.getByText('综合得分').first().waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'leader-city-topics.png'), fullPage: true });
    if ((await page.locator('[data-topic-picked]').count()) === 0) {
      await page.getByRole('button', { name: '选为本月一题' }).first().click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('textbox').fill('浏览器测试选题');
      await dialog.getByRole('button', { name: '选为本月一题' }).click();
      await page.waitForURL(/\/topics\/\d+$/, { timeout: 60_000 });
    } else {
      await page.locator('[data-topic-picked] a').first().click();
      await page.waitForURL(/\/topics\/\d+$/, { timeout: 60_000 });
    }
    await page.waitForLoadState('networkidle', { timeout: 60_000 }).catch(() => {});
    await page.locator('[data-topic-id]').waitFor({ timeout: 30_000 });
    await page.getByText('选题前后对比').waitFor();
    expect(await page.locator('canvas').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-topic-verdict]').count()).toBe(1);
    await page.screenshot({ path: path.join(SHOTS, 'leader-city-topic.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);

  it('西区’s inspector sees 西区’s candidates only; a handler is refused', async () => {
    const page = await signIn('inspector.xiqu');
    await open(page, `${APP_URL}/topics`);
    await page.getByRole('heading', { name: '每月一题' }).waitFor({ timeout: 30_000 });
    const keys = await page
      .locator('[data-topic-candidate]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-topic-candidate') ?? ''));
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.every((k) => k.startsWith('510403'))).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, 'inspector-xiqu-topics.png'), fullPage: true });
    await page.close();

    const handler = await signIn('handler.xiqu.health');
    const response = await open(handler, `${APP_URL}/topics`);
    expect(response?.status()).toBe(403);
    const api = await handler.request.get(`${APP_URL}/api/topics`);
    expect(api.status()).toBe(403);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
    await handler.close();
  }, 240_000);
});
