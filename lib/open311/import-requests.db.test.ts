import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { queryRow, queryRows } from '@/db/sql';
import { createTestDb } from '@/db/testing/test-db';
import { buildWorkflowWorld } from '@/lib/workflow/testing/fixture';
import { importRequests } from './import-requests.server';
import { type ImportMapping, importMapping, readSourceRows } from './import-source';

const HERE = import.meta.dirname;
const NOW = new Date('2026-03-01T00:00:00Z');
let handle: DbHandle;

beforeAll(async () => {
  handle = await createTestDb();
  await buildWorkflowWorld(handle.db);
});
afterAll(async () => {
  await handle?.close();
});

const csvMapping: ImportMapping = importMapping.parse({
  source: 'fixture',
  services: { pothole: 'JT01', light: 'JT03', noise: 'HB01' },
});

describe('importRequests', () => {
  it('loads the good CSV rows with their ids, dates and status, and refuses each bad row with its reason', async () => {
    const rows = readSourceRows(
      readFileSync(path.join(HERE, 'fixtures/requests-with-bad-rows.csv'), 'utf8'),
      'csv',
    );
    const before = await counts();
    const lines: string[] = [];
    const report = await importRequests(handle.db, rows, csvMapping, {
      batchSize: 5,
      now: NOW,
      log: (l) => lines.push(l),
    });
    expect(report.loaded).toBe(3);
    expect(report.skipped).toBe(0);
    expect(report.rejected.map((r) => [r.row, r.sourceId, r.reason])).toEqual([
      [5, 'H-4', 'unmapped service_code "unicorn"'],
      [6, 'H-5', 'bad coordinates: lat and long must be numbers'],
      [7, 'H-6', 'bad coordinates: 126.5, 101.5048 out of range'],
      [8, 'H-7', 'outside Panzhihua (攀枝花市)'],
      [9, 'H-8', 'bad requested_datetime "yesterday"'],
      [10, 'H-9', 'updated_datetime before requested_datetime'],
      [11, 'H-10', 'bad status "pending" (open or closed)'],
      [12, null, 'missing service_request_id'],
      [13, 'H-1', 'duplicate service_request_id in the file'],
      [14, 'H-11', 'requested_datetime in the future'],
    ]);
    expect(lines).toHaveLength(3); // 14 rows in batches of 5
    const after = await counts();
    expect(after.complaints - before.complaints).toBe(3);

    const h1 = await queryRow<Record<string, unknown>>(
      handle.db,
      sql`select status::text as status, channel::text as channel, category_code, submitted_at, closed_at, description
          from complaints where idempotency_key = 'import:fixture:H-1'`,
    );
    expect(h1).toMatchObject({
      status: 'closed',
      channel: 'open311',
      category_code: 'JT01',
      description: '路面坑洼, 车辆绕行',
    });
    expect(new Date(h1!.submitted_at as string).toISOString()).toBe('2025-11-02T00:30:00.000Z');
    expect(new Date(h1!.closed_at as string).toISOString()).toBe('2025-11-05T09:00:00.000Z');
    const events = await queryRows<{ type: string; public_note: string | null }>(
      handle.db,
      sql`select e.type, e.public_note from complaint_events e join complaints c on c.id = e.complaint_id
          where c.idempotency_key = 'import:fixture:H-1' order by e.id`,
    );
    expect(events).toEqual([
      { type: 'submitted', public_note: '诉求已提交（历史数据导入）' },
      { type: 'closed', public_note: '已修复 "完毕"' },
    ]);
    // The open one went through the workflow: triaged (and dispatched where a route exists).
    const h2 = await queryRow<{ status: string; triaged_at: string | null }>(
      handle.db,
      sql`select status::text as status, triaged_at from complaints where idempotency_key = 'import:fixture:H-2'`,
    );
    expect(['triaged', 'dispatched']).toContain(h2?.status);
    expect(new Date(h2!.triaged_at!).toISOString()).toBe('2026-01-10T01:00:00.000Z');
  });

  it('skips rows already imported on a second run', async () => {
    const rows = readSourceRows(
      readFileSync(path.join(HERE, 'fixtures/requests-with-bad-rows.csv'), 'utf8'),
      'csv',
    );
    const before = await counts();
    const report = await importRequests(handle.db, rows, csvMapping, { now: NOW });
    expect(report).toMatchObject({ loaded: 0, skipped: 3 });
    expect(await counts()).toEqual(before);
  });

  it('loads the Chicago GeoReport v2 sample, shifted into Panzhihua, with its mapping', async () => {
    const sample = JSON.parse(
      readFileSync(path.join(HERE, 'fixtures/chicago_open311_requests_50.json'), 'utf8'),
    ) as {
      lat: number;
      long: number;
    }[];
    const lats = sample.map((r) => r.lat);
    const lngs = sample.map((r) => r.long);
    const scale = (v: number, lo: number, hi: number) => (v - lo) / (hi - lo || 1);
    // Into the fixture's first village (101.50–101.51 E, 26.50–26.51 N), keeping the relative layout.
    const shifted = sample.map((r) => ({
      ...r,
      long: 101.501 + 0.008 * scale(r.long, Math.min(...lngs), Math.max(...lngs)),
      lat: 26.501 + 0.008 * scale(r.lat, Math.min(...lats), Math.max(...lats)),
    }));
    const mapping = importMapping.parse(
      JSON.parse(readFileSync(path.join(HERE, 'mappings/chicago.json'), 'utf8')),
    );
    const before = await counts();
    const report = await importRequests(handle.db, readSourceRows(JSON.stringify(shifted), 'json'), mapping, {
      batchSize: 20,
      now: NOW,
    });
    expect(report.rejected).toEqual([]);
    expect(report.loaded).toBe(50);
    const after = await counts();
    expect(after.complaints - before.complaints).toBe(50);
    expect(after.events - before.events).toBeGreaterThanOrEqual(100);
    const byStatus = await queryRows<{ status: string; n: number }>(
      handle.db,
      sql`select status::text as status, count(*)::int as n from complaints
          where idempotency_key like 'import:chicago:%' group by 1 order by 1`,
    );
    expect(byStatus.find((r) => r.status === 'closed')?.n).toBe(49);
    const kept = await queryRow<{ submitted_at: string }>(
      handle.db,
      sql`select submitted_at from complaints where idempotency_key = 'import:chicago:14-00684314'`,
    );
    expect(new Date(kept!.submitted_at).toISOString()).toBe('2014-05-10T00:02:21.000Z');
  });

  it('refuses the whole run when the mapping names an unknown category', async () => {
    const bad = importMapping.parse({ source: 'x', services: { a: 'XX99' } });
    await expect(importRequests(handle.db, [], bad)).rejects.toThrow(/unknown categories: XX99/);
  });
});

async function counts() {
  return (await queryRow<{ complaints: number; events: number }>(
    handle.db,
    sql`select (select count(*)::int from complaints) as complaints, (select count(*)::int from complaint_events) as events`,
  ))!;
}
