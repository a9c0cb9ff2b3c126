/**
 * One complaint through the whole loop in real Chromium: submitted through POST /api/v1/complaints →
 * dispatched (by the platform; moved to 西区卫生健康局 by SQL if the router chose another office) →
 * accepted by the handler on the case page → made overdue (its deadline set in the past by SQL) →
 * the inspector issues a 督办函 from the red board of /supervision → the handler sees the letter in
 * the inbox and answers it on the case page → replies and resolves → the resident rates it through
 * POST /api/v1/ratings. Needs a running app with the demo city (APP_URL) and its database
 * (DATABASE_URL or SERVER_URL, as .ci/run exports); without the database the test is skipped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEADLINE_COLORS } from '@/lib/sla/deadline-state';
import { APP_URL, type Browser, launchBrowser } from '@/lib/testing/browser';
import { countColour } from '@/lib/testing/pixels';
import { signIn as signInAs } from '@/lib/testing/sign-in';

const DB_URL = process.env.DATABASE_URL ?? process.env.SERVER_URL;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser({ width: 1366, height: 900 });
});
afterAll(async () => {
  await browser?.close();
});

async function sql<T>(text: string, params: unknown[] = []): Promise<T[]> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: DB_URL });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Signed in as a demo user (the shared helper: lib/testing/sign-in.ts). */
const signIn = (username: string) => signInAs(browser.context, username);

/** Open a page and let it hydrate (dev servers compile on first visit; the map keeps loading tiles). */
async function open(page: import('playwright-core').Page, url: string) {
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 120_000 });
  await page.waitForLoadState('networkidle', { timeout: 60_000 }).catch(() => {});
}

describe.skipIf(!DB_URL)('intake → dispatch → accept → overdue → 督办函 → answer → resolve → rating', () => {
  it('walks one complaint through supervision', async () => {
    const errors: string[] = [];
    // A place in 西区 where 西区卫生健康局 handles 药品价格 (WJ01) complaints in the demo city.
    const [place] = await sql<{ lng: number; lat: number; office: number }>(
      `select ST_X(c.location) as lng, ST_Y(c.location) as lat, o.id as office
         from complaints c join offices o on o.id = c.responsible_office_id
        where o.code = '510403000000-WJJ' and c.category_code = 'WJ01' order by c.id limit 1`,
    );
    expect(place).toBeTruthy();

    // 1. The resident submits through the public API.
    const submit = await browser.context.request.post(`${APP_URL}/api/v1/complaints`, {
      data: {
        title: '社区卫生服务中心药价偏高（督办测试）',
        description: '社区卫生服务中心的药比外面药店贵很多，希望核查药品定价。',
        categoryCode: 'WJ01',
        location: { lng: Number(place!.lng), lat: Number(place!.lat), datum: 'wgs84' },
        contact: { name: '王先生', phone: '13800001234' },
        idempotencyKey: `sup-loop-${Date.now()}`,
      },
    });
    expect(submit.status()).toBe(201);
    const { complaint } = (await submit.json()) as { complaint: { trackingCode: string } };
    const [row] = await sql<{ id: string; status: string; office: number | null }>(
      `select id, status::text as status, responsible_office_id as office from complaints where tracking_code = $1`,
      [complaint.trackingCode],
    );
    const id = Number(row!.id);
    // 2. Dispatched by the platform; pinned to the demo handler's office for the walk.
    if (row!.status !== 'dispatched' || row!.office !== place!.office) {
      await sql(
        `update complaints set status = 'dispatched', responsible_office_id = $2, dispatched_at = now(),
           resolve_due_at = coalesce(resolve_due_at, now() + interval '10 days') where id = $1`,
        [id, place!.office],
      );
    }

    // 3. The handler accepts it on the case page.
    let page = await signIn('handler.xiqu.health');
    page.on('pageerror', (e) => errors.push(e.message));
    await open(page, `${APP_URL}/cases/${id}`);
    await page.locator('button[data-verb="accept"]').click();
    await page.waitForSelector('[data-case-status="accepted"]', { timeout: 30_000 });
    await page.close();

    // 4. Overdue: its deadlines moved into the past.
    await sql(
      `update complaints set resolve_due_at = now() - interval '2 days', first_reply_due_at = now() - interval '5 days'
        where id = $1`,
      [id],
    );

    // 5. The inspector issues a 督办函 from the red board.
    page = await signIn('inspector.xiqu');
    page.on('pageerror', (e) => errors.push(e.message));
    await open(page, `${APP_URL}/supervision`);
    const redRow = page.locator(`[data-board="overdue"] tr[data-case-id="${id}"]`);
    await redRow.waitFor({ timeout: 30_000 });
    // The row shows how long it is overdue, in the overdue colour.
    await expect
      .poll(() => redRow.locator('[data-deadline-state="overdue"]').textContent())
      .toMatch(/超期 2天/);
    const rowShot = await redRow.screenshot();
    expect(countColour(rowShot, DEADLINE_COLORS.overdue, 40)).toBeGreaterThan(20);
    await redRow.locator('[data-action="issue-letter"]').click();
    await page.locator('[data-action="confirm-letter"]').click();
    await expect
      .poll(
        async () =>
          (
            await sql<{ code: string }>(`select code from supervision_letters where complaint_id = $1`, [id])
          )[0]?.code,
        {
          timeout: 20_000,
        },
      )
      .toMatch(/^DB\d{4}\d{6}$/);
    const [letter] = await sql<{ id: number; code: string }>(
      `select id, code from supervision_letters where complaint_id = $1`,
      [id],
    );
    await page.waitForSelector(`[data-board="letters"] [data-letter-code="${letter!.code}"]`, {
      timeout: 20_000,
    });
    // The printable letter names the office and carries the number.
    await open(page, `${APP_URL}/letters/${letter!.id}`);
    await expect.poll(() => page.locator('article').textContent()).toContain('西区卫生健康局：');
    expect(await page.locator('article').textContent()).toContain(letter!.code);
    await page.close();

    // 6. The handler sees it in the inbox, answers it on the case page, then replies and resolves.
    page = await signIn('handler.xiqu.health');
    page.on('pageerror', (e) => errors.push(e.message));
    await open(page, `${APP_URL}/inbox`);
    await page.waitForSelector(`[data-open-letters] [data-letter-code="${letter!.code}"]`);
    await open(page, `${APP_URL}/cases/${id}`);
    const response = page.locator(`[data-letter-response="${letter!.id}"]`);
    await response.locator('[data-action="acknowledge-letter"]').click();
    await expect
      .poll(() => response.locator('[data-action="acknowledge-letter"]').count(), { timeout: 20_000 })
      .toBe(0);
    await response.locator('textarea').fill('已约谈社区卫生服务中心，药品已按集采价格销售，并公示价格。');
    await response.locator('[data-action="answer-letter"]').click();
    await page.waitForSelector(`[data-letter-code="${letter!.code}"][data-letter-state="done"]`, {
      timeout: 20_000,
    });

    await page.locator('button[data-verb="reply"]').click();
    await page.locator('.ant-modal textarea').fill('已联系群众，正在核查药品价格。');
    await page.locator('.ant-modal .ant-btn-primary').click();
    await page.waitForSelector('[data-case-status="in_progress"]', { timeout: 30_000 });
    await page.locator('button[data-verb="resolve"]').click();
    await page.locator('.ant-modal textarea').fill('已督促按集采价格销售，价格已公示。');
    await page.locator('.ant-modal .ant-btn-primary').click();
    await page.waitForSelector('[data-case-status="resolved"]', { timeout: 30_000 });
    await page.close();

    // 7. The resident rates it.
    const rate = await browser.context.request.post(`${APP_URL}/api/v1/ratings`, {
      data: { trackingCode: complaint.trackingCode, phoneLast4: '1234', level: 'satisfied' },
    });
    expect(rate.status()).toBe(201);
    const [done] = await sql<{ status: string; answered: boolean; types: string[] }>(
      `select c.status::text as status, l.answered_at is not null as answered,
              array(select type from complaint_events e where e.complaint_id = c.id order by e.id) as types
         from complaints c join supervision_letters l on l.complaint_id = c.id where c.id = $1`,
      [id],
    );
    expect(done!.status).toBe('closed');
    expect(done!.answered).toBe(true);
    for (const type of [
      'accepted',
      'supervised',
      'letter_acknowledged',
      'letter_answered',
      'replied',
      'resolved',
      'rated',
    ])
      expect(done!.types).toContain(type);
    expect(errors).toEqual([]);
  });
});
