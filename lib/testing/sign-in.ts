/**
 * Sign a browser context in as a demo user (or as a resident: `null`) in one locale, and collect
 * what a user would never want to see: uncaught errors, console errors and failed requests.
 * Shared by the browser tests so each one is its interaction, not the preamble.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { APP_URL } from './browser';

export const DEMO_PASSWORD = 'Suqiu@2026';

export type Locale = 'zh-CN' | 'en';

/** Clear cookies, set the locale cookie and (for staff) sign in through the API; returns a new page. */
export async function signIn(
  context: BrowserContext,
  username: string | null,
  locale: Locale = 'zh-CN',
): Promise<Page> {
  await context.clearCookies();
  await context.addCookies([{ name: 'NEXT_LOCALE', value: locale, url: APP_URL }]);
  const page = await context.newPage();
  if (username) await postSignIn(page, username);
  return page;
}

/** Sign the page's context in through the API (the session cookie lands in the context). */
export async function postSignIn(page: Page, username: string): Promise<void> {
  // A connection reset on a loaded machine is retried once; a refused sign-in is not.
  const post = () =>
    page.request.post(`${APP_URL}/api/auth/login`, {
      data: { username, password: DEMO_PASSWORD },
      headers: { origin: APP_URL },
    });
  const res = await post().catch(async (error: Error) => {
    if (!/ECONNRESET|socket hang up/.test(error.message)) throw error;
    await page.waitForTimeout(1_000);
    return post();
  });
  expect(res.status(), `sign in as ${username}`).toBe(200);
}

/** Open a path and wait until the page is quiet (bounded: a map may keep fetching tiles). */
export async function open(page: Page, path: string) {
  const response = await page.goto(`${APP_URL}${path}`, { waitUntil: 'domcontentloaded', timeout: 120_000 });
  await page.waitForLoadState('networkidle', { timeout: 30_000 }).catch(() => {});
  return response;
}

/**
 * Record page errors, console errors and 4xx/5xx answers from the app's API while a page is used.
 * `expected` lists the failures the test causes on purpose (e.g. `POST /api/…` answering 400).
 */
export function watchProblems(page: Page, expected: RegExp[] = []): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    // The browser's own line for a failed request repeats the response event below.
    if (/Failed to load resource/.test(m.text())) return;
    problems.push(`console: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() < 400 || !r.url().startsWith(APP_URL)) return;
    const line = `${r.request().method()} ${new URL(r.url()).pathname} → ${r.status()}`;
    if (!expected.some((re) => re.test(line))) problems.push(line);
  });
  return problems;
}
