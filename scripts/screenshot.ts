/**
 * Screenshots of pages as a user sees them, in Debian's headless Chromium:
 *   npx tsx scripts/screenshot.ts <out-dir> <path> [<path> …]
 * Options by environment: APP_URL (default http://127.0.0.1:3100), WIDTH/HEIGHT (1280×800),
 * LOGIN=username:password to sign in first, WAIT_FOR=<css selector> to wait for on each page.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { APP_URL, launchBrowser } from '../lib/testing/browser';

const [outDir, ...paths] = process.argv.slice(2);
if (!outDir || paths.length === 0) {
  console.error('usage: tsx scripts/screenshot.ts <out-dir> <path> [<path> …]');
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });
const browser = await launchBrowser({
  width: Number(process.env.WIDTH ?? 1280),
  height: Number(process.env.HEIGHT ?? 800),
});
try {
  const page = await browser.context.newPage();
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  if (process.env.LOGIN) {
    const [username, password] = process.env.LOGIN.split(':');
    const response = await page.request.post(`${APP_URL}/api/auth/login`, {
      data: { username, password },
      headers: { origin: APP_URL },
    });
    console.log(`login ${username}: ${response.status()}`);
  }
  for (const p of paths) {
    await page.goto(`${APP_URL}${p}`, { waitUntil: 'networkidle', timeout: 120_000 });
    if (process.env.WAIT_FOR) await page.waitForSelector(process.env.WAIT_FOR, { timeout: 120_000 });
    await page.waitForTimeout(Number(process.env.SETTLE_MS ?? 1500));
    const file = path.join(outDir, `${p.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '') || 'home'}.png`);
    await page.screenshot({ path: file });
    console.log(file);
  }
} finally {
  await browser.close();
}
