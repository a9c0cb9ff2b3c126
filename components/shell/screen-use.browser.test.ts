/**
 * Screens used, not only opened (the role walk opens each page; these click): the interactions that
 * broke for roles the walk never clicked through, each in the language where it broke. Short on
 * purpose: one sign-in (lib/testing/sign-in.ts) and a few clicks each.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, launchBrowser } from '@/lib/testing/browser';
import { open, signIn, watchProblems } from '@/lib/testing/sign-in';
import { cjkRuns } from '@/lib/testing/walk-checks';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser({ width: 1440, height: 900 });
});
afterAll(async () => {
  await browser?.close();
});

/** CJK text inside `scope` that is not marked as data (English mode: untranslated UI). */
async function chineseUi(page: import('playwright-core').Page, scope: string): Promise<string[]> {
  const texts = await page.evaluate((scope) => {
    const out: string[] = [];
    for (const root of document.querySelectorAll(scope)) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        const text = n.textContent?.trim();
        if (!text || !el || el.closest('[data-user-content],[lang^="zh"],input,textarea')) continue;
        if (el.checkVisibility()) out.push(text);
      }
    }
    return out;
  }, scope);
  return texts.filter((t) => cjkRuns(t).length > 0);
}

describe('screens in use', () => {
  it('a city leader subscribes to a county’s alerts (the city itself has none), in English', async () => {
    const page = await signIn(browser.context, 'leader.city', 'en');
    const problems = watchProblems(page);
    await open(page, '/alerts');
    const add = page.locator('[data-action="subscribe"]');
    await add.waitFor({ timeout: 30_000 });
    // Nothing is picked yet: the city is not an area with alerts.
    expect(await add.isDisabled()).toBe(true);
    await page.locator('[data-testid="subscription-area"]').click();
    const first = page.locator('.ant-cascader-menu-item').first();
    await first.waitFor({ timeout: 10_000 });
    // The open list marks division names (Chinese only) as data.
    expect(await chineseUi(page, '.ant-cascader-dropdown')).toEqual([]);
    await first.click();
    await page.keyboard.press('Escape');
    expect(await add.isDisabled()).toBe(false);
    const answer = page.waitForResponse(
      (r) => r.url().endsWith('/api/alerts/subscriptions') && r.request().method() === 'POST',
    );
    await add.click();
    expect((await answer).status()).toBeLessThan(400);
    expect(problems).toEqual([]);
  });

  it('a grid worker opens a building’s households in English: addresses, units and names are data', async () => {
    const page = await signIn(browser.context, 'grid.dongqu', 'en');
    const problems = watchProblems(page);
    await open(page, '/grid');
    const row = page.locator('[data-testid="grid-buildings"] > li').first();
    await row.waitFor({ timeout: 60_000 });
    await row.locator('.ant-btn').last().click();
    await page.locator('[data-testid="drawer-households"] li').first().waitFor({ timeout: 30_000 });
    expect(await chineseUi(page, '.ant-drawer')).toEqual([]);
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="record-visit"]').first().click();
    await page.locator('[data-testid="visit-target"]').waitFor();
    expect(await chineseUi(page, '.ant-modal')).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('DBSCAN clusters name their categories in English', async () => {
    const page = await signIn(browser.context, 'inspector.xiqu', 'en');
    const problems = watchProblems(page);
    await open(page, '/hotspots?tab=clusters&run=clusters');
    const tag = page.locator('.analysis__item .ant-tag').first();
    await tag.waitFor({ timeout: 90_000 });
    const tags = await page.locator('.analysis__item .ant-tag').allInnerTexts();
    expect(tags.filter((t) => cjkRuns(t).length > 0)).toEqual([]);
    expect(tags.some((t) => /[A-Za-z]{3}/.test(t))).toBe(true);
    expect(problems).toEqual([]);
  });

  it('a failed spot check without a finding says what is missing (not the placeholder)', async () => {
    const page = await signIn(browser.context, 'inspector.xiqu', 'zh-CN');
    await open(page, '/supervision');
    const record = page.locator('[data-action="record-spot-check"]').first();
    // A fresh database may have no sample yet: draw last month's first.
    if ((await record.count()) === 0) await page.locator('[data-action="draw-spot-checks"]').click();
    await record.waitFor({ timeout: 30_000 });
    await record.click();
    const modal = page.locator('.ant-modal-wrap:visible');
    await modal.locator('.ant-radio-wrapper').nth(1).click();
    await modal.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect
      .poll(() => modal.locator('.ant-form-item-explain-error').allInnerTexts(), { timeout: 5_000 })
      .toEqual(['未通过时请写明核查情况（至少2个字）']);
  });
});
