/**
 * Every staff page a demo role may not open answers the one access-denied page: HTTP 403, an h1,
 * Chinese text, a way back, inside the staff shell (never a 500, an English 404 or a bare sentence),
 * and the sidebar offers exactly the pages the role may open (each answering 200).
 * Needs a running app with the demo city (APP_URL): see .ci/run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canOpenPage, PAGE_ACCESS, type StaffPage } from '@/lib/auth/pages';
import type { AuthUser, Role } from '@/lib/auth/types';
import { APP_URL, type Browser, launchBrowser } from '@/lib/testing/browser';

const PASSWORD = 'Suqiu@2026';
const DEMO: { username: string; role: Role }[] = [
  { username: 'handler.xiqu.health', role: 'handler' },
  { username: 'grid.dongqu', role: 'grid_worker' },
  { username: 'leader.city', role: 'leader' },
  { username: 'inspector.xiqu', role: 'inspector' },
  { username: 'admin', role: 'admin' },
];
/** One path per page (cases and letters by an id that exists in the demo city or not: 403 comes first). */
const PATHS: Record<StaffPage, string> = {
  workbench: '/workbench',
  map: '/map',
  inbox: '/inbox',
  dispatch: '/dispatch',
  supervision: '/supervision',
  hotspots: '/hotspots',
  alerts: '/alerts',
  topics: '/topics',
  stats: '/stats',
  assessment: '/assessment',
  reports: '/reports',
  cases: '/cases/1',
  letters: '/letters/1',
  admin: '/admin/users',
  grid: '/grid',
};
const division: AuthUser['jurisdiction'] = {
  kind: 'division',
  divisionCode: '510400000000',
  divisionLevel: 'city',
};
const jurisdictionOf = (role: Role): AuthUser['jurisdiction'] =>
  role === 'grid_worker'
    ? { kind: 'grid', gridId: 1 }
    : role === 'handler'
      ? { kind: 'office', officeId: 1, divisionCode: '510402000000', divisionLevel: 'county' }
      : division;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser({ width: 1440, height: 900 });
});
afterAll(async () => {
  await browser?.close();
});

describe('the access-denied page', () => {
  for (const demo of DEMO) {
    const subject = { role: demo.role, jurisdiction: jurisdictionOf(demo.role) };
    const forbidden = (Object.keys(PAGE_ACCESS) as StaffPage[]).filter((p) => !canOpenPage(subject, p));

    it(`answers 403 with a Chinese page for every page ${demo.username} may not open`, async () => {
      await browser.context.clearCookies();
      const page = await browser.context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const login = await page.request.post(`${APP_URL}/api/auth/login`, {
        data: { username: demo.username, password: PASSWORD },
        headers: { origin: APP_URL },
      });
      expect(login.status()).toBe(200);
      expect(forbidden.length).toBeGreaterThan(0);
      for (const p of forbidden) {
        const response = await page.goto(`${APP_URL}${PATHS[p]}`, { waitUntil: 'domcontentloaded' });
        expect(response?.status(), `${demo.username} ${PATHS[p]}`).toBe(403);
        const box = page.getByTestId('forbidden');
        await box.waitFor({ timeout: 30_000 });
        const h1 = await box.locator('h1').textContent();
        expect(h1, PATHS[p]).toBe('无权访问此页面');
        expect(await box.textContent()).toMatch(/您当前的身份（.+）不能打开此页面/);
        expect(await box.locator('a[href="/workbench"]').count()).toBe(1);
        // Inside the staff shell: the sidebar is there, and offers no page this role may not open.
        const offered = await page
          .locator('.staff__sidebar a')
          .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
        expect(offered.length).toBeGreaterThan(0);
        for (const href of offered) expect(forbidden.map((f) => PATHS[f])).not.toContain(href);
      }
      expect(errors).toEqual([]);
      await page.close();
    });

    it(`opens every page the sidebar offers ${demo.username}`, async () => {
      await browser.context.clearCookies();
      const page = await browser.context.newPage();
      await page.request.post(`${APP_URL}/api/auth/login`, {
        data: { username: demo.username, password: PASSWORD },
        headers: { origin: APP_URL },
      });
      await page.goto(`${APP_URL}/workbench`, { waitUntil: 'domcontentloaded' });
      const offered = await page
        .locator('.staff__sidebar a')
        .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
      for (const href of offered) {
        const response = await page.request.get(`${APP_URL}${href}`);
        expect(response.status(), `${demo.username} ${href}`).toBe(200);
      }
      await page.close();
    });
  }
});
