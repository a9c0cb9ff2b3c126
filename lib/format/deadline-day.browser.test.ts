/**
 * One deadline, one day on every screen: a supervised case's resolve deadline as the letter prints it
 * (办结时限 2026年11月25日), as the case page shows it (2026-11-25 24:00) and as the map's building
 * panel lists it must name the same day (lib/format/date-time.ts; a deadline is stored as 00:00 of
 * the next day). Needs a running app with the demo city (APP_URL): see .ci/run.
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

/** '2026年11月5日' or '2026-11-05 24:00' → '2026-11-05'. */
function day(text: string): string {
  const zh = text.match(/(\d{4})年(\d{1,2})月(\d{1,2})日/);
  if (zh) return `${zh[1]}-${zh[2]!.padStart(2, '0')}-${zh[3]!.padStart(2, '0')}`;
  const iso = text.match(/(\d{4}-\d{2}-\d{2})/);
  if (!iso) throw new Error(`no date in "${text}"`);
  return iso[1]!;
}

describe('a deadline across screens', () => {
  it('the letter, the case page and the map panel print the same day', async () => {
    const page = await browser.context.newPage();
    const login = await page.request.post(`${APP_URL}/api/auth/login`, {
      data: { username: 'inspector.xiqu', password: 'Suqiu@2026' },
      headers: { origin: APP_URL },
    });
    expect(login.status()).toBe(200);
    const board = await (await page.request.get(`${APP_URL}/supervision`)).text();
    const letters = [...new Set([...board.matchAll(/href="\/letters\/(\d+)"/g)].map((m) => m[1]!))];
    expect(letters.length).toBeGreaterThan(0);
    let checked = 0;
    for (const id of letters.slice(0, 8)) {
      await page.goto(`${APP_URL}/letters/${id}`, { waitUntil: 'domcontentloaded' });
      const row = page.locator('tr', { has: page.locator('th', { hasText: '办结时限' }) });
      const letterDue = (await row.locator('td').textContent()) ?? '';
      if (!/年/.test(letterDue)) continue;
      const caseHref = await page.locator('a[href^="/cases/"]').first().getAttribute('href');
      const caseId = Number(caseHref!.split('/')[2]);
      const { complaint } = (await (
        await page.request.get(`${APP_URL}/api/complaints/${caseId}`)
      ).json()) as {
        complaint: { buildingId: number | null; resolveDueAt: string };
      };
      await page.goto(`${APP_URL}/cases/${caseId}`, { waitUntil: 'domcontentloaded' });
      const caseDue = (await page.getByTestId('case-resolve-due').textContent()) ?? '';
      expect(caseDue).toMatch(/^\d{4}-\d{2}-\d{2} (24:00|\d{2}:\d{2})$/);
      expect(day(caseDue), `letter ${id}`).toBe(day(letterDue));
      if (complaint.buildingId === null) continue;
      await page.goto(`${APP_URL}/map?b=${complaint.buildingId}`, { waitUntil: 'domcontentloaded' });
      const item = page.locator('.staff-map__list li', { has: page.locator(`a[href="/cases/${caseId}"]`) });
      await item.waitFor({ timeout: 120_000 });
      const panelDue = (await item.getByTestId('panel-resolve-due').textContent()) ?? '';
      expect(day(panelDue), `map panel, case ${caseId}`).toBe(day(letterDue));
      checked++;
      if (checked >= 2) break;
    }
    expect(checked).toBeGreaterThan(0);
    await page.close();
  });
});
