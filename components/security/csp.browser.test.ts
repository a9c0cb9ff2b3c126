/**
 * The Content-Security-Policy in real Chromium: the main pages (home map, report form with its pin
 * map, the staff GIS workspace, the hot-spot workspace) load under the nonce policy with zero CSP
 * violations (console messages and `securitypolicyviolation` events), every script tag of the HTML
 * carries the response's nonce, and injected markup cannot run script.
 * Needs a running app with the demo city (APP_URL): see .ci/run. SCREENSHOT_DIR keeps the pages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_URL, type Browser, launchBrowser } from '@/lib/testing/browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
  await browser.context.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  const login = await browser.context.request.post(`${APP_URL}/api/auth/login`, {
    data: { username: 'inspector.xiqu', password: 'Suqiu@2026' },
    headers: { origin: APP_URL },
  });
  expect(login.status()).toBe(200);
});
afterAll(async () => {
  await browser?.close();
});

/** Path, the selector that says it is drawn, and a button to press first (the analysis runs on demand). */
const PAGES: [string, string, string | null][] = [
  ['/', '[data-map-state="ready"]', null],
  ['/report', '[data-map-ready="true"]', null],
  ['/map', '.staff-map[data-map-state="ready"]', null],
  ['/hotspots', '[data-map-state="ready"]', 'analysis-run'],
];

describe('Content-Security-Policy in the browser', () => {
  it.each(PAGES)('%s renders with zero CSP violations and nonce-only scripts', async (path, ready, click) => {
    const page = await browser.context.newPage();
    const console: string[] = [];
    const errors: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) console.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    const response = await page.goto(`${APP_URL}${path}`, { waitUntil: 'domcontentloaded' });
    const csp = response!.headers()['content-security-policy'] ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce, csp).toBeTruthy();
    expect(/script-src[^;]*'unsafe-inline'/.test(csp)).toBe(false);
    expect(csp).toContain("frame-ancestors 'none'");
    if (click) await page.getByTestId(click).click();
    await page.waitForSelector(ready, { timeout: 120_000 });
    await page.waitForTimeout(2000);
    if (process.env.SCREENSHOT_DIR) {
      await page.screenshot({
        path: `${process.env.SCREENSHOT_DIR}/csp-${path.replace(/\W+/g, '') || 'home'}.png`,
      });
    }
    const violations = () =>
      page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
    expect(await violations()).toEqual([]);
    expect(console).toEqual([]);
    // Every script element the server sent carries this response's nonce (chunks those scripts
    // load later are trusted through 'strict-dynamic').
    const html = await response!.text();
    const tags = html.match(/<script\b[^>]*>/g) ?? [];
    expect(tags.length).toBeGreaterThan(0);
    expect(tags.filter((t) => !t.includes(`nonce="${nonce}"`))).toEqual([]);
    // Injected markup (as an XSS payload rendered into the page would be) cannot run script: its
    // inline event handler is blocked and reported. ('strict-dynamic' trusts scripts that running,
    // trusted code creates; markup cannot create them.)
    const ran = await page.evaluate(
      () =>
        new Promise<boolean>((resolve) => {
          const div = document.createElement('div');
          div.innerHTML = '<img src="data:," onerror="window.__injected = true">';
          document.body.appendChild(div);
          setTimeout(() => resolve((window as unknown as { __injected?: boolean }).__injected === true), 500);
        }),
    );
    expect(ran).toBe(false);
    expect((await violations()).map((v) => v.split(' ')[0])).toEqual(['script-src-attr']);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('closes the JSON APIs and Open311 (headers from next.config.js, answers and errors alike)', async () => {
    for (const path of [
      '/api/v1/categories',
      '/open311/v2/services.json',
      '/api/v1/complaints/NOPE0000',
      '/api/nope',
    ]) {
      const res = await browser.context.request.get(`${APP_URL}${path}`);
      const h = res.headers();
      expect(h['content-security-policy'], path).toBe("default-src 'none'; frame-ancestors 'none'; sandbox");
      expect(h['x-content-type-options'], path).toBe('nosniff');
      expect(h['x-frame-options'], path).toBe('DENY');
      expect(h['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
    }
  });
});
