/**
 * The resident's whole path in real Chromium on a phone-sized viewport: report with a photo upload
 * and a map pin → receipt with the tracking code → track → (the office resolves it, by SQL in the
 * test) → rate unsatisfied → reopen. Needs a running app with the demo city (APP_URL). The resolve
 * step needs the app's database: DATABASE_URL or SERVER_URL (as .ci/run exports); without it the
 * test stops after tracking.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_URL, type Browser, launchBrowser } from '@/lib/testing/browser';

const DB_URL = process.env.DATABASE_URL ?? process.env.SERVER_URL;
/** 炳草岗, 东区 (WGS84): inside the city. */
const HERE = { latitude: 26.5823, longitude: 101.7186 };

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser({ width: 360, height: 780 });
  await browser.context.grantPermissions(['geolocation'], { origin: APP_URL });
  await browser.context.setGeolocation(HERE);
});
afterAll(async () => {
  await browser?.close();
});

async function resolveBySql(trackingCode: string): Promise<void> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: DB_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; status: string }>(
      'select id, status::text as status from complaints where tracking_code = $1',
      [trackingCode],
    );
    const c = rows[0]!;
    await client.query(
      `update complaints set status = 'resolved', resolved_at = now(),
         responsible_office_id = coalesce(responsible_office_id, (select id from offices order by id limit 1))
       where id = $1`,
      [c.id],
    );
    await client.query(
      `insert into complaint_events (complaint_id, type, from_status, to_status, actor_office_id, public_note, public)
       select id, 'resolved', $2::complaint_status, 'resolved', responsible_office_id, '已派人修复漏水管道。', true
       from complaints where id = $1`,
      [c.id, c.status],
    );
  } finally {
    await client.end();
  }
}

describe('report → receipt → track → rate → reopen (360 px)', () => {
  it('walks the resident path', async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${APP_URL}/report`, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('[data-map-ready="true"]', { timeout: 90_000 });

    await page
      .locator('textarea[name="description"]')
      .fill('小区门口的自来水管破裂，水流了一整天，路面结冰。');
    const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#2a6' } })
      .jpeg()
      .toBuffer();
    await page.locator('[data-testid="photo-input"]').setInputFiles({
      name: 'leak.jpg',
      mimeType: 'image/jpeg',
      buffer: photo,
    });
    await page.waitForSelector('[data-testid="upload-item"][data-done="true"]', { timeout: 30_000 });

    // Submitting without a place asks for one; the phone's position answers it and names the place.
    await page.locator('input[type="tel"]').fill('13912340042');
    await page.getByRole('button', { name: '提交' }).click();
    await page.locator('[data-field-error="location"]').waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: '使用我的位置' }).click();
    await page.locator('[data-testid="pin-status"][data-place="found"]').waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-field-error="location"]').count()).toBe(0);
    const placeText = (await page.getByTestId('place-names').textContent()) ?? '';
    expect(placeText).toContain('东区');
    expect(placeText).not.toMatch(/\d{3}\.\d{3}/);
    // A pin dropped on the map (the map has flown there) is named too.
    await page.waitForTimeout(800);
    const box = (await page.locator('[data-testid="pin-map"]').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2 + 6, box.y + box.height / 2 + 4);
    await page.locator('[data-testid="pin-status"][data-place="found"]').waitFor({ timeout: 15_000 });

    // Two-level category picker: a search over both levels' names, then one tap.
    const search = page.getByTestId('category-search');
    await search.fill('用水用电'); // a level-1 name brings all its level-2 categories
    await page.locator('[data-testid="category-matches"] button').first().waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-testid="category-matches"] button').count()).toBeGreaterThanOrEqual(4);
    await search.fill('停水'); // a level-2 name
    const match = page.locator('[data-testid="category-matches"] button');
    await expect.poll(() => match.count(), { timeout: 10_000 }).toBe(1);
    await match.first().click();
    expect(await page.getByTestId('category-chosen').getAttribute('data-code')).toBe('SD01');

    await page.getByRole('button', { name: '提交' }).click();
    const codeText = await page.locator('[data-testid="tracking-code"]').textContent({ timeout: 30_000 });
    const trackingCode = (codeText ?? '').replace(/\s/g, '');
    expect(trackingCode).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);

    // The receipt says what happens next, and 查询办理进度 opens the progress directly.
    await page.getByTestId('receipt-status').getByTestId('next-step').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('receipt-status').textContent()).not.toMatch(/^办理状态：已研判$/);
    await page.locator('[data-testid="receipt-track"]').click();
    await page.waitForURL(/\/track$/);
    await page.waitForSelector('[data-testid="timeline"]', { timeout: 30_000 });
    expect(await page.locator('input[name="trackingCode"]').inputValue()).toBe(trackingCode);
    expect(await page.getByTestId('timeline').getByTestId('next-step').textContent()).toMatch(
      /已派至|人工分派|正在研判/,
    );
    expect(await page.locator('[data-event="submitted"]').count()).toBe(1);
    expect(await page.locator('[data-testid="timeline"]').textContent()).not.toContain('13912340042');

    if (!DB_URL) return;
    await resolveBySql(trackingCode);
    await page.getByRole('button', { name: '查询' }).click();
    await page.waitForSelector('[data-testid="rate-form"]');
    expect(await page.locator('[data-testid="answer"]').textContent()).toContain('已派人修复漏水管道');
    await page.locator('[data-testid="rate-form"] label', { hasText: '不满意' }).click();
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.waitForSelector('[data-testid="reopen-form"]');
    await page.locator('[data-testid="reopen-form"] textarea').fill('水管还在漏');
    await page.getByRole('button', { name: '申请重新办理' }).click();
    await expect
      .poll(() => page.locator('[data-testid="status"]').textContent(), { timeout: 30_000 })
      .toBe('重新办理');
    expect(errors).toEqual([]);
  });
});
