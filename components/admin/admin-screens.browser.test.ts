/**
 * The admin screens in real Chromium against a running app with the demo city (APP_URL): every
 * screen renders its table without a page error; a bad triage rule shows Chinese messages next to
 * its fields and saves nothing; a good one (saved inactive, so the demo's triage is unchanged) appears
 * in the table; the try-it box quotes the rule's reason; "test this point" shows the engine's
 * decision; a handler gets the 403 notice and a 403 from the API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_URL, type Browser, launchBrowser } from '@/lib/testing/browser';
import { signIn as signInAs } from '@/lib/testing/sign-in';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser({ width: 1366, height: 900 });
});
afterAll(async () => {
  await browser?.close();
});

/** Signed in as a demo user (the shared helper: lib/testing/sign-in.ts). */
const signIn = (username: string) => signInAs(browser.context, username);

async function open(page: import('playwright-core').Page, url: string) {
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 120_000 });
  await page.waitForLoadState('networkidle', { timeout: 60_000 }).catch(() => {});
}

describe('admin screens', () => {
  it('render for the admin without page errors, with their data', async () => {
    const page = await signIn('admin');
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
    for (const [path, text] of [
      ['/admin/triage-rules', '饮水安全'],
      ['/admin/routing', '首接责任单位'],
      ['/admin/deadlines', '当日转办'],
      ['/admin/calendar', '春节'],
      ['/admin/offices', '东区人民政府'],
      ['/admin/users', 'handler.xiqu.health'],
    ] as const) {
      await open(page, `${APP_URL}${path}`);
      await page.getByText(text).first().waitFor({ timeout: 30_000 });
    }
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it('shows Chinese messages next to bad fields, saves a good rule, and the try-it box quotes the rule', async () => {
    const page = await signIn('admin');
    await open(page, `${APP_URL}/admin/triage-rules`);
    await page.click('[data-action="add-rule"]');
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog
      .getByText('只能使用小写字母、数字和连字符（2–48 位），以字母或数字开头')
      .waitFor({ timeout: 30_000 });
    await dialog.getByText('至少填写一个关键词').waitFor({ timeout: 30_000 });

    const id = `browser-${Date.now().toString(36)}`;
    await dialog.locator('#id').fill(id);
    await dialog.locator('#name').fill('浏览器测试规则');
    await dialog.locator('#keywords').fill('井盖丢了');
    await dialog.locator('#keywords').press('Enter');
    await dialog.locator('#urgencyCode').click();
    await page.locator('.ant-select-item-option', { hasText: '紧急' }).first().click();
    await dialog.locator('#active').click(); // saved inactive: the demo's triage stays as it was
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached', timeout: 60_000 });
    await page.getByText(id).waitFor({ timeout: 30_000 });

    await page.getByRole('textbox', { name: '试运行' }).fill('我们村里没有水喝已经三天了');
    await page.getByTestId('triage-try-result').waitFor();
    expect(await page.getByTestId('triage-try-result').textContent()).toContain(
      '“没有水喝”命中“饮水安全”规则 → 紧急',
    );
    await page.close();
  }, 180_000);

  it('"test this point" shows what the routing engine would decide', async () => {
    const page = await signIn('admin');
    await open(page, `${APP_URL}/admin/routing`);
    await page.click('[data-action="probe"]');
    await page.getByTestId('probe-result').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('probe-result').textContent()).toMatch(/将派往|转人工派单/);
    await page.close();
  }, 120_000);

  it('a handler gets the 403 notice and the API answers 403', async () => {
    const page = await signIn('handler.xiqu.health');
    const response = await page.goto(`${APP_URL}/admin/routing`);
    expect(response?.status()).toBe(403);
    expect(await page.getByTestId('forbidden').locator('h1').textContent()).toBe('无权访问此页面');
    const res = await page.request.post(`${APP_URL}/api/admin/triage-rules`, {
      data: { id: 'x' },
      headers: { origin: APP_URL },
    });
    expect(res.status()).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
    await page.close();
  }, 120_000);
});
