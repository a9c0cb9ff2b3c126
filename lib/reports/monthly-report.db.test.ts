/**
 * The monthly report on the statistics' hand-built cases (lib/stats/testing/stats-fixture.ts):
 * its figures are the statistics' figures for the same area and month, versions stay as issued,
 * the month-end run issues once, the PDF carries the figures and page numbers, and a missing
 * Chromium is a clear UNAVAILABLE error.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { queryRow } from '@/db/sql';
import { createTestDb } from '@/db/testing/test-db';
import { computeCategoryRanking } from '@/lib/stats/category-ranking.server';
import { computeIndicators } from '@/lib/stats/compute-indicators.server';
import { insertStatsCases, STATS_NOW } from '@/lib/stats/testing/stats-fixture';
import {
  buildWorkflowWorld,
  DONGQU,
  insertCase,
  type WorkflowWorld,
  XIQU,
} from '@/lib/workflow/testing/fixture';
import { buildMonthlyReport } from './build-monthly-report.server';
import {
  getReport,
  getReportPdf,
  issueAutomaticReports,
  issueMonthlyReport,
  listReports,
} from './issue-monthly-report.server';
import { renderReportHtml } from './render-report-html';

let handle: DbHandle;
let world: WorkflowWorld;
const storageDir = mkdtempSync(path.join(tmpdir(), 'suqiu-reports-'));
process.env.SUQIU_STORAGE_DIR = storageDir;

beforeAll(async () => {
  handle = await createTestDb();
  world = await buildWorkflowWorld(handle.db);
  await insertStatsCases(handle.db, world);
});
afterAll(async () => {
  await handle?.close();
  rmSync(storageDir, { recursive: true, force: true });
});

async function pdfText(bytes: Uint8Array): Promise<{ pages: number; text: string }> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { totalPages, text } = await extractText(pdf, { mergePages: true });
  return { pages: totalPages, text: text.replace(/\s+/g, ' ') };
}

describe('buildMonthlyReport, January 2026 in 西区', () => {
  it('states the statistics’ own figures, categories and lists', async () => {
    const data = await buildMonthlyReport(handle.db, { areaCode: XIQU, month: '2026-01', now: STATS_NOW });
    const stats = await computeIndicators(handle.db, world.users.leader, {
      from: '2026-01-01',
      to: '2026-01-31',
      now: STATS_NOW,
    });
    expect(data.area).toMatchObject({ code: XIQU, level: 'county' });
    expect(data.period).toEqual({ from: '2026-01-01', to: '2026-01-31' });
    for (const s of stats.indicators) {
      const r = data.indicators.find((i) => i.id === s.id)!;
      expect([r.id, r.value, r.numerator, r.denominator, r.previous.value]).toEqual([
        s.id,
        s.value,
        s.numerator,
        s.denominator,
        s.previous.value,
      ]);
      expect(r.definition.length).toBeGreaterThan(10);
    }
    // The fixture's hand-worked figures: 9 complaints (misconduct and 东区 excluded), 2 of 3 satisfied.
    expect(data.indicators.find((i) => i.id === 'volume')?.value).toBe(9);
    expect(data.indicators.find((i) => i.id === 'satisfaction')?.value).toBeCloseTo(66.667, 2);
    // Sub-areas add up to the area (every fixture case lies in a town of 西区).
    expect(data.subAreas.reduce((s, a) => s + a.volume, 0)).toBe(9);
    const cats = await computeCategoryRanking(handle.db, world.users.leader, {
      from: '2026-01-01',
      to: '2026-01-31',
      now: STATS_NOW,
    });
    expect(data.categories.map((c) => [c.code, c.count])).toEqual(
      cats.rows.slice(0, 10).map((r) => [r.code, r.count]),
    );
    expect(data.rises.every((c) => c.count > c.previousCount)).toBe(true);
    // Open cases past their deadline at "now" (G, H … in the fixture) with their letters; never the misconduct report.
    expect(data.overdue.cases.length).toBeGreaterThan(0);
    expect(data.overdue.cases.every((c) => c.overdueDays >= 0)).toBe(true);
    expect(data.letters.issued).toBe(data.indicators.find((i) => i.id === 'letters_issued')?.numerator);
    expect(data.trend.months.at(-1)).toBe('2026-01');
    expect(data.trend.volume.at(-1)).toBe(9);
    expect(data.hotspots.map?.viewBox).toMatch(/^-?\d+ -?\d+ \d+ \d+$/);
    expect(data.hotspots.map?.outline).toMatch(/^M /);

    const html = renderReportHtml(data, {
      version: 1,
      generatedAt: STATS_NOW.toISOString(),
      generatedByName: null,
    });
    const visible = (markup: string) => markup.replace(/<[^>]+>/g, '');
    expect(visible(html)).toContain('西区2026年1月数据报告');
    expect(html).toContain('<span data-user-content>西区</span>');
    expect(html).toContain('66.7%');
    expect(html).toContain('<svg class="map"');
    expect(html).not.toContain('<script');

    // Viewed in English, a report issued in Chinese has English headings, indicator and category
    // names; what is left in Chinese is user data (place, office, people's names, complaint titles).
    const english = renderReportHtml(
      data,
      { version: 1, generatedAt: STATS_NOW.toISOString(), generatedByName: '王主任' },
      {
        locale: 'en',
        categoryNames: Object.fromEntries(data.categories.map((c) => [c.code, `EN ${c.code}`])),
      },
    );
    expect(english).toContain('Complaints received');
    expect(english).toContain(`EN ${data.categories[0]?.code}`);
    const outsideData = english
      .replace(/<span data-user-content>[^<]*<\/span>/g, '')
      .replace(/<svg class="map"[\s\S]*?<\/svg>/, '')
      .replace(/<[^>]+>/g, '');
    expect(outsideData.match(/[\u3000-\u303f\u4e00-\u9fff\uff01-\uff1f]+/g)).toBeNull();
  }, 120_000);
});

describe('issuing', () => {
  it('a re-issue is a new version and the earlier one stays as issued; the PDF has the figures and page numbers', async () => {
    const v1 = await issueMonthlyReport(handle.db, world.users.leader, {
      areaCode: XIQU,
      month: '2026-01',
      now: STATS_NOW,
    });
    expect(v1).toMatchObject({ version: 1, pdfError: null });
    await insertCase(handle.db, {
      status: 'received',
      submittedAt: new Date('2026-01-15T02:00:00Z'),
      title: '后来补录',
    });
    const v2 = await issueMonthlyReport(handle.db, world.users.inspector, {
      areaCode: XIQU,
      month: '2026-01',
      now: STATS_NOW,
    });
    expect(v2?.version).toBe(2);
    const r1 = await getReport(handle.db, world.users.leader, v1!.id);
    const r2 = await getReport(handle.db, world.users.leader, v2!.id);
    expect(r1.data.indicators.find((i) => i.id === 'volume')?.value).toBe(9);
    expect(r2.data.indicators.find((i) => i.id === 'volume')?.value).toBe(10);
    expect(r1.pdfBytes).toBeGreaterThan(10_000);
    expect(r1.pdfSha256).toMatch(/^[0-9a-f]{64}$/);

    const pdf = await getReportPdf(handle.db, world.users.leader, v1!.id);
    expect(Buffer.from(pdf.bytes.slice(0, 5)).toString()).toBe('%PDF-');
    const { pages, text } = await pdfText(pdf.bytes);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(text).toContain('西区2026年1月数据报告');
    expect(text).toContain('66.7%');
    expect(text).toContain(`第 1 页 共 ${pages} 页`);
    expect(text).toContain(`第 ${pages} 页 共 ${pages} 页`);
    const audit = await queryRow<{ action: string; target: string }>(
      handle.db,
      sql`select action, target_type as target from audit_log order by id desc limit 1`,
    );
    expect(audit).toEqual({ action: 'export', target: 'monthly_report' });

    const list = await listReports(handle.db, world.users.leader);
    expect(list.filter((r) => r.areaCode === XIQU && r.month === '2026-01-01').map((r) => r.version)).toEqual(
      [2, 1],
    );
  });

  it('readers only see reports of their own areas', async () => {
    const [first] = await listReports(handle.db, world.users.leader);
    await expect(getReport(handle.db, world.users.otherInspector, first!.id)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(getReport(handle.db, world.users.handler, first!.id)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await listReports(handle.db, world.users.otherInspector)).toEqual([]);
    await expect(
      issueMonthlyReport(handle.db, world.users.leader, {
        areaCode: DONGQU,
        month: '2026-01',
        now: STATS_NOW,
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('month end issues the city and each county once', async () => {
    const now = new Date('2026-02-01T01:00:00+08:00');
    process.env.SUQIU_CHROMIUM_PATH = '/nonexistent/chromium';
    try {
      const first = await issueAutomaticReports(handle.db, { now });
      expect(first.month).toBe('2026-01');
      const areas = await queryRow<{ n: number }>(
        handle.db,
        sql`select count(*)::int as n from divisions where level in ('city', 'county')`,
      );
      expect(first.issued.length).toBe(areas!.n);
      // Without Chromium the report is issued and the PDF error says why.
      expect(first.issued[0]!.pdfError).toContain('Chromium not found');
      const again = await issueAutomaticReports(handle.db, { now: new Date(now.getTime() + 3_600_000) });
      expect(again.issued).toEqual([]);
      const auto = await queryRow<{ n: number }>(
        handle.db,
        sql`select count(*)::int as n from monthly_reports where generated_by_user_id is null and month = '2026-01-01'`,
      );
      expect(auto!.n).toBe(areas!.n);
      const xiqu = first.issued.find((r) => r.areaCode === XIQU)!;
      await expect(getReportPdf(handle.db, world.users.leader, xiqu.id)).rejects.toMatchObject({
        code: 'UNAVAILABLE',
        message: expect.stringContaining('SUQIU_CHROMIUM_PATH'),
      });
    } finally {
      delete process.env.SUQIU_CHROMIUM_PATH;
    }
  }, 300_000);
});
