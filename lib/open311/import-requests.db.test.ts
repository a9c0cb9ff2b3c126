import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { caseFilterSql } from '@/db/queries/case-filters';
import { queryRow, queryRows } from '@/db/sql';
import { createTestDb } from '@/db/testing/test-db';
import { sweepDeadlines } from '@/lib/sla/sweep-deadlines.server';
import { computeIndicators } from '@/lib/stats/compute-indicators.server';
import { buildWorkflowWorld, type WorkflowWorld } from '@/lib/workflow/testing/fixture';
import { type ImportOptions, importRequests, type RefusedRow } from './import-requests.server';
import { type ImportMapping, importMapping } from './import-source';
import { ImportFileError, readSourceStream } from './read-source-stream';

const HERE = import.meta.dirname;
const NOW = new Date('2026-03-01T00:00:00Z');
let handle: DbHandle;
let world: WorkflowWorld;

beforeAll(async () => {
  handle = await createTestDb();
  world = await buildWorkflowWorld(handle.db);
});
afterAll(async () => {
  await handle?.close();
});

const csvMapping: ImportMapping = importMapping.parse({
  source: 'fixture',
  services: { pothole: 'JT01', light: 'JT03', noise: 'HB01' },
});
const FIXTURE_CSV = readFileSync(path.join(HERE, 'fixtures/requests-with-bad-rows.csv'), 'utf8');

/** A text as a stream of small chunks (rows and quoted newlines split across chunks). */
function streamOf(text: string, chunk = 37): Readable {
  const parts: Buffer[] = [];
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i += chunk) parts.push(bytes.subarray(i, i + chunk));
  return Readable.from(parts, { objectMode: false });
}

async function run(
  text: string,
  format: 'csv' | 'json',
  mapping: ImportMapping,
  options: ImportOptions = {},
): Promise<{ report: Awaited<ReturnType<typeof importRequests>>; refused: RefusedRow[] }> {
  const refused: RefusedRow[] = [];
  const report = await importRequests(handle.db, readSourceStream(streamOf(text), format, mapping), mapping, {
    now: NOW,
    ...options,
    onRefused: (r) => {
      refused.push(r);
    },
  });
  return { report, refused };
}

/** A CSV of the GeoReport fields (plus any extra columns) from objects. */
function csvOf(rows: Record<string, string>[]): string {
  const names = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  return [names.join(','), ...rows.map((r) => names.map((n) => cell(r[n] ?? '')).join(','))].join('\n');
}

const at = (iso: string) => new Date(iso).toISOString();

describe('importRequests (streamed)', () => {
  it('loads the good CSV rows with their ids, dates and status, and refuses each bad row with its reason', async () => {
    const before = await counts();
    const batches: number[] = [];
    const { report, refused } = await run(FIXTURE_CSV, 'csv', csvMapping, {
      batchSize: 5,
      onBatch: (p) => batches.push(p.read),
    });
    expect(report).toMatchObject({ read: 13, loaded: 3, skipped: 0, refused: 10, refusedBefore: 0 });
    expect(refused.map((r) => [r.row, r.sourceId, r.reason, r.before])).toEqual([
      [5, 'H-4', 'unmapped service_code "unicorn"', false],
      [6, 'H-5', 'bad coordinates: lat and long must be numbers', false],
      [7, 'H-6', 'bad coordinates: 126.5, 101.5048 out of range', false],
      [8, 'H-7', 'outside Panzhihua (攀枝花市)', false],
      [9, 'H-8', 'bad requested_datetime "yesterday"', false],
      [10, 'H-9', 'updated_datetime before requested_datetime (by 37 h)', false],
      [11, 'H-10', 'bad status "pending" (open or closed)', false],
      [12, null, 'missing service_request_id', false],
      [13, 'H-1', 'duplicate service_request_id in the file', false],
      [14, 'H-11', 'requested_datetime in the future', false],
    ]);
    expect(batches).toEqual([5, 10, 13]); // 13 rows in batches of 5
    const after = await counts();
    expect(after.complaints - before.complaints).toBe(3);

    const h1 = await queryRow<Record<string, unknown>>(
      handle.db,
      sql`select status::text as status, channel::text as channel, category_code, submitted_at, closed_at,
            resolved_at, description, imported_as::text as imported_as
          from complaints where idempotency_key = 'import:fixture:H-1'`,
    );
    expect(h1).toMatchObject({
      status: 'closed',
      channel: 'open311',
      category_code: 'JT01',
      description: '路面坑洼, 车辆绕行',
      imported_as: 'history',
    });
    expect(at(h1!.submitted_at as string)).toBe('2025-11-02T00:30:00.000Z');
    expect(at(h1!.closed_at as string)).toBe('2025-11-05T09:00:00.000Z');
    expect(at(h1!.resolved_at as string)).toBe('2025-11-05T09:00:00.000Z');
    const events = await queryRows<{ type: string; public_note: string | null; created_at: string }>(
      handle.db,
      sql`select e.type, e.public_note, e.created_at from complaint_events e join complaints c on c.id = e.complaint_id
          where c.idempotency_key = 'import:fixture:H-1' order by e.created_at`,
    );
    expect(events.map((e) => [e.type, e.public_note, at(e.created_at)])).toEqual([
      ['submitted', '诉求已提交（历史数据导入）', '2025-11-02T00:30:00.000Z'],
      ['closed', '已修复 "完毕"', '2025-11-05T09:00:00.000Z'],
    ]);
    // The open one (requested 50 days before NOW) is history: kept open as it was, no workflow.
    const h2 = await queryRow<{ status: string; triaged_at: string | null; imported_as: string }>(
      handle.db,
      sql`select status::text as status, triaged_at, imported_as::text as imported_as
          from complaints where idempotency_key = 'import:fixture:H-2'`,
    );
    expect(h2).toEqual({ status: 'received', triaged_at: null, imported_as: 'history' });
  });

  it('skips rows already imported on a second run, and tells the same refusals again apart', async () => {
    const before = await counts();
    const { report, refused } = await run(FIXTURE_CSV, 'csv', csvMapping);
    // H-1's second line now meets the first one's complaint from the earlier run: already imported.
    expect(report).toMatchObject({ read: 13, loaded: 0, skipped: 4, refused: 9, refusedBefore: 9 });
    expect(refused.every((r) => r.before)).toBe(true);
    expect(await counts()).toEqual(before);
  });

  it('refuses a repeated id in later batches as a duplicate, not as already imported', async () => {
    const row = {
      service_request_id: 'D-1',
      service_code: 'pothole',
      status: 'closed',
      requested_datetime: '2025-10-01T08:00:00+08:00',
      updated_datetime: '2025-10-02T08:00:00+08:00',
      lat: '26.5045',
      long: '101.5052',
    };
    const mapping = { ...csvMapping, source: 'dup' };
    const { report, refused } = await run(
      csvOf([row, { ...row, service_request_id: 'D-2' }, row]),
      'csv',
      mapping,
      {
        batchSize: 1,
      },
    );
    expect(report).toMatchObject({ loaded: 2, skipped: 0, refused: 1 });
    expect(refused[0]).toMatchObject({
      row: 4,
      sourceId: 'D-1',
      reason: 'duplicate service_request_id in the file',
    });
    // Two writers: a repeated id in a batch written at the same time is a duplicate too, once.
    const many = Array.from({ length: 24 }, (_, i) => ({ ...row, service_request_id: `W-${i % 20}` }));
    const two = await run(
      csvOf(many),
      'csv',
      { ...csvMapping, source: 'dup2' },
      { batchSize: 2, writers: 2 },
    );
    expect(two.report).toMatchObject({ loaded: 20, skipped: 0, refused: 4 });
    expect(two.refused.map((r) => r.sourceId).sort()).toEqual(['W-0', 'W-1', 'W-2', 'W-3']);
    expect(new Set(two.refused.map((r) => r.reason))).toEqual(
      new Set(['duplicate service_request_id in the file']),
    );
  });

  it('streams the Chicago GeoReport v2 sample (an object holding service_requests), shifted into Panzhihua', async () => {
    const sample = JSON.parse(
      readFileSync(path.join(HERE, 'fixtures/chicago_open311_requests_50.json'), 'utf8'),
    ) as { lat: number; long: number }[];
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
    const { report, refused } = await run(JSON.stringify({ service_requests: shifted }), 'json', mapping, {
      batchSize: 20,
    });
    expect(refused).toEqual([]);
    expect(report).toMatchObject({ read: 50, loaded: 50, history: 50, live: 0 });
    const after = await counts();
    expect(after.complaints - before.complaints).toBe(50);
    expect(after.events - before.events).toBe(50 + 49);
    expect(after.notifications).toBe(before.notifications);
    const byStatus = await queryRows<{ status: string; n: number }>(
      handle.db,
      sql`select status::text as status, count(*)::int as n from complaints
          where idempotency_key like 'import:chicago:%' group by 1 order by 1`,
    );
    expect(byStatus).toEqual([
      { status: 'closed', n: 49 },
      { status: 'received', n: 1 },
    ]);
    const kept = await queryRow<{ submitted_at: string }>(
      handle.db,
      sql`select submitted_at from complaints where idempotency_key = 'import:chicago:14-00684314'`,
    );
    expect(at(kept!.submitted_at)).toBe('2014-05-10T00:02:21.000Z');
  });

  it('stops on a bad file: a CSV without a required column, or JSON that is not a list of requests', async () => {
    const noLat =
      'service_request_id,service_code,status,requested_datetime,long\nX,pothole,open,2025-01-01T00:00:00Z,101.5\n';
    await expect(run(noLat, 'csv', csvMapping)).rejects.toThrow(ImportFileError);
    await expect(run(noLat, 'csv', csvMapping)).rejects.toThrow('CSV header lacks the column "lat"');
    await expect(run('"just text"', 'json', csvMapping)).rejects.toThrow(ImportFileError);
    await expect(run('[{"service_request_id": "x",', 'json', csvMapping)).rejects.toThrow(/bad JSON/);
  });

  it('a dry run checks every row and writes nothing', async () => {
    const before = await counts();
    const { report, refused } = await run(
      FIXTURE_CSV,
      'csv',
      { ...csvMapping, source: 'dry' },
      { dryRun: true },
    );
    // Place and duplicates are not checked without the database: H-7 (Beijing) and H-1's second line pass.
    expect(report).toMatchObject({ read: 13, loaded: 5, refused: 8 });
    expect(refused.map((r) => r.sourceId)).toEqual(['H-4', 'H-5', 'H-6', 'H-8', 'H-9', 'H-10', null, 'H-11']);
    expect(await counts()).toEqual(before);
  });

  it('refuses the whole run when the mapping names an unknown category', async () => {
    const bad = importMapping.parse({ source: 'x', services: { a: 'XX99' } });
    await expect(importRequests(handle.db, [], bad)).rejects.toThrow(/unknown categories: XX99/);
  });
});

describe('history stays history', () => {
  const open = (id: string, requested: string, extra: Record<string, string> = {}) => ({
    service_request_id: id,
    service_code: 'light',
    status: 'open',
    requested_datetime: requested,
    lat: '26.5049',
    long: '101.5055',
    description: '路灯不亮，晚上很黑',
    status_notes: '已派维修班组',
    ...extra,
  });

  it('--as history: open requests stay as the source left them, with no notification, reminder or deadline warning', async () => {
    const mapping = { ...csvMapping, source: 'hist' };
    const before = await counts();
    const { report } = await run(
      csvOf([
        open('O-1', '2015-03-01T09:00:00+08:00', { target_datetime: '2015-03-08T09:00:00+08:00' }),
        open('O-2', '2026-02-27T09:00:00+08:00'),
      ]),
      'csv',
      mapping,
      { as: 'history' },
    );
    expect(report).toMatchObject({ loaded: 2, history: 2, live: 0 });
    const rows = await queryRows<Record<string, unknown>>(
      handle.db,
      sql`select status::text as status, imported_as::text as imported_as, triaged_at, dispatched_at,
            responsible_office_id, resolve_due_at
          from complaints where idempotency_key like 'import:hist:%' order by idempotency_key`,
    );
    expect(
      rows.map((r) => [r.status, r.imported_as, r.triaged_at, r.dispatched_at, r.responsible_office_id]),
    ).toEqual([
      ['received', 'history', null, null, null],
      ['received', 'history', null, null, null],
    ]);
    expect(at(rows[0]!.resolve_due_at as string)).toBe('2015-03-08T01:00:00.000Z');
    const note = await queryRow<{ data: { statusNotes?: string; importedAs?: string } }>(
      handle.db,
      sql`select e.data from complaint_events e join complaints c on c.id = e.complaint_id
          where c.idempotency_key = 'import:hist:O-1'`,
    );
    expect(note?.data).toMatchObject({ statusNotes: '已派维修班组', importedAs: 'history' });
    const listed = await queryRow<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from complaints
          where idempotency_key like 'import:hist:%' and ${caseFilterSql('overdue', NOW)}`,
    );
    expect(listed?.n).toBe(0); // not in the workbench's 超期 count nor its list
    const swept = await sweepDeadlines(handle.db, { now: NOW });
    const alerts = await queryRow<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from deadline_alerts a join complaints c on c.id = a.subject_id
          where a.subject_type = 'complaint' and c.idempotency_key like 'import:hist:%'`,
    );
    expect(alerts?.n).toBe(0);
    expect(swept).toBeDefined();
    const after = await counts();
    expect(after.notifications).toBe(before.notifications);
  });

  it("--as live: an open request continues in today's workflow (triage, dispatch, the office told)", async () => {
    const mapping = { ...csvMapping, source: 'live' };
    const before = await counts();
    const { report } = await run(csvOf([open('L-1', '2026-02-27T09:00:00+08:00')]), 'csv', mapping, {
      as: 'live',
    });
    expect(report).toMatchObject({ loaded: 1, history: 0, live: 1 });
    const row = await queryRow<{ status: string; imported_as: string; triaged_at: string | null }>(
      handle.db,
      sql`select status::text as status, imported_as::text as imported_as, triaged_at
          from complaints where idempotency_key = 'import:live:L-1'`,
    );
    expect(row?.imported_as).toBe('live');
    expect(['triaged', 'dispatched']).toContain(row?.status);
    expect(row?.triaged_at).not.toBeNull();
    if (row?.status === 'dispatched')
      expect((await counts()).notifications).toBeGreaterThan(before.notifications);
  });

  it('auto: rows older than the set age are history, newer ones live', async () => {
    const mapping = { ...csvMapping, source: 'auto' };
    const { report } = await run(
      csvOf([open('A-1', '2026-01-01T09:00:00+08:00'), open('A-2', '2026-02-25T09:00:00+08:00')]),
      'csv',
      mapping,
      { historyAfterDays: 30 },
    );
    expect(report).toMatchObject({ history: 1, live: 1 });
    const modes = await queryRows<{ k: string; m: string }>(
      handle.db,
      sql`select idempotency_key as k, imported_as::text as m from complaints
          where idempotency_key like 'import:auto:%' order by 1`,
    );
    expect(modes.map((m) => m.m)).toEqual(['history', 'live']);
  });
});

describe("the source's deadlines and clocks", () => {
  const closed = (id: string, requested: string, updated: string, extra: Record<string, string> = {}) => ({
    service_request_id: id,
    service_code: 'pothole',
    status: 'CLOSED',
    requested_datetime: requested,
    updated_datetime: updated,
    lat: '26.5045',
    long: '101.5052',
    ...extra,
  });

  it("takes the resolution deadline from the column the mapping names, in the source's offset", async () => {
    const mapping = importMapping.parse({
      source: 'target',
      services: { pothole: 'JT01' },
      columns: { target_datetime: 'TARGET_DT' },
      utcOffset: '-06:00',
    });
    const { report, refused } = await run(
      csvOf([
        closed('T-1', '2015-01-05 08:00:00', '2015-01-06 08:00:00', { TARGET_DT: '2015-01-07 08:00:00' }),
        closed('T-2', '2015-01-05 08:00:00', '2015-01-09 08:00:00', { TARGET_DT: '2015-01-07 08:00:00' }),
        closed('T-3', '2015-01-05 08:00:00', '2015-01-09 08:00:00', { TARGET_DT: 'soon' }),
      ]),
      'csv',
      mapping,
    );
    expect(report.loaded).toBe(2);
    expect(refused.map((r) => r.reason)).toEqual(['bad target_datetime "soon"']);
    const rows = await queryRows<{ due: string; late: boolean }>(
      handle.db,
      sql`select resolve_due_at as due, resolved_at > resolve_due_at as late from complaints
          where idempotency_key like 'import:target:%' order by idempotency_key`,
    );
    expect(rows.map((r) => [at(r.due), r.late])).toEqual([
      ['2015-01-07T14:00:00.000Z', false],
      ['2015-01-07T14:00:00.000Z', true],
    ]);
  });

  it("statistics of an imported month judge against the source's deadlines; cases without one count apart as 无时限", async () => {
    const mapping = importMapping.parse({ source: 'stats', services: { pothole: 'JT01' } });
    const { report } = await run(
      csvOf([
        closed('M-1', '2014-06-02T09:00:00+08:00', '2014-06-03T09:00:00+08:00', {
          target_datetime: '2014-06-05T09:00:00+08:00',
        }),
        closed('M-2', '2014-06-02T09:00:00+08:00', '2014-06-12T09:00:00+08:00', {
          target_datetime: '2014-06-05T09:00:00+08:00',
        }),
        closed('M-3', '2014-06-02T09:00:00+08:00', '2014-06-04T09:00:00+08:00'),
        {
          ...closed('M-4', '2014-06-10T09:00:00+08:00', '', { target_datetime: '2014-06-20T09:00:00+08:00' }),
          status: 'open',
        },
      ]),
      'csv',
      mapping,
      { as: 'history' },
    );
    expect(report.loaded).toBe(4);
    // The fixture points lie in 东区, the second inspector's county.
    const { indicators } = await computeIndicators(handle.db, world.users.otherInspector, {
      from: '2014-06-01',
      to: '2014-06-30',
      now: NOW,
    });
    const fig = (id: string) => indicators.find((i) => i.id === id)!;
    // on time: M-1 of M-1, M-2 (resolved with a deadline) and M-4 (open past its deadline)
    expect([fig('on_time').numerator, fig('on_time').denominator]).toEqual([1, 3]);
    expect(fig('overdue').numerator).toBe(2); // M-2 late, M-4 still open
    expect(fig('no_deadline').numerator).toBe(1); // M-3
    expect(fig('resolved').numerator).toBe(3);
  });

  it('clamps a closing time a few seconds before the opening time and notes it; refuses one beyond the setting', async () => {
    const mapping = { ...csvMapping, source: 'skew' };
    const { report, refused } = await run(
      csvOf([
        closed('S-1', '2025-06-01T10:00:58+08:00', '2025-06-01T10:00:00+08:00'),
        closed('S-2', '2025-06-01T10:05:00+08:00', '2025-06-01T10:00:00+08:00'),
      ]),
      'csv',
      mapping,
      { clockSkewSeconds: 120 },
    );
    expect(report).toMatchObject({ loaded: 1, clamped: 1, refused: 1 });
    expect(refused[0]).toMatchObject({
      sourceId: 'S-2',
      reason: 'updated_datetime before requested_datetime (by 5 min)',
    });
    const s1 = await queryRow<{ submitted_at: string; closed_at: string; data: Record<string, unknown> }>(
      handle.db,
      sql`select c.submitted_at, c.closed_at, e.data from complaints c
          join complaint_events e on e.complaint_id = c.id and e.type = 'closed'
          where c.idempotency_key = 'import:skew:S-1'`,
    );
    expect(at(s1!.closed_at)).toBe(at(s1!.submitted_at));
    expect(s1!.data).toMatchObject({ clockSkewClampedSeconds: 58 });
  });
});

describe('rollups after an import', () => {
  it('every map and area bin equals the raw counts of the complaints', async () => {
    // Spread a batch over two villages' worth of points, months and categories, some open.
    const rows: Record<string, string>[] = [];
    for (let i = 0; i < 300; i++) {
      const month = String(1 + (i % 12)).padStart(2, '0');
      rows.push({
        service_request_id: `B-${i}`,
        service_code: ['pothole', 'light', 'noise'][i % 3]!,
        status: i % 7 === 0 ? 'open' : 'closed',
        requested_datetime: `2024-${month}-${String(1 + (i % 28)).padStart(2, '0')}T23:30:00+08:00`,
        updated_datetime: `2024-${month}-${String(1 + (i % 28)).padStart(2, '0')}T23:59:00+08:00`,
        lat: String(26.5005 + ((i * 37) % 99) / 10_000),
        long: String(101.5005 + ((i * 53) % 99) / 10_000),
      });
    }
    const { report } = await run(
      csvOf(rows),
      'csv',
      { ...csvMapping, source: 'bins' },
      { batchSize: 64, writers: 2 },
    );
    expect(report.loaded).toBe(300);
    const mismatches = await queryRow<{ map: number; all: number; area: number }>(
      handle.db,
      sql`with raw as (
            select ST_X(location) as lng, ST_Y(location) as lat, coalesce(county_code, '') as county,
              coalesce(town_code, '') as town, coalesce(village_code, '') as village, kind,
              coalesce(cat.parent_code, cat.code, '') as category, coalesce(category_code, '') as own_category,
              status, date_trunc('month', submitted_at at time zone 'Asia/Shanghai')::date as month
            from complaints left join categories cat on cat.code = complaints.category_code
          ),
          map_raw as (
            select l.level, map_cell_x(lng, l.level) as cx, map_cell_y(lat, l.level) as cy, county, town, village,
              kind, category, month, count(*)::int as n
            from raw cross join (values (12), (13), (14), (15), (16)) l(level) group by 1, 2, 3, 4, 5, 6, 7, 8, 9
          ),
          map_bins as (
            select level::int, cx, cy, county_code, town_code, village_code, kind, category, month, sum(n)::int as n
            from complaint_map_bins group by 1, 2, 3, 4, 5, 6, 7, 8, 9 having sum(n) <> 0
          ),
          all_raw as (
            select level, cx, cy, county, town, kind, category, sum(n)::int as n from map_raw group by 1, 2, 3, 4, 5, 6, 7
          ),
          all_bins as (
            select level::int, cx, cy, county_code, town_code, kind, category, sum(n)::int as n
            from complaint_map_bins_all group by 1, 2, 3, 4, 5, 6, 7 having sum(n) <> 0
          ),
          area_raw as (
            select county, town, village, kind, own_category, status, month, count(*)::int as n from raw
            group by 1, 2, 3, 4, 5, 6, 7
          ),
          area_bins as (
            select county_code, town_code, village_code, kind, category_code, status, month, sum(n)::int as n
            from complaint_area_bins group by 1, 2, 3, 4, 5, 6, 7 having sum(n) <> 0
          )
          select
            (select count(*)::int from ((select * from map_raw except select * from map_bins)
              union all (select * from map_bins except select * from map_raw)) d) as map,
            (select count(*)::int from ((select * from all_raw except select * from all_bins)
              union all (select * from all_bins except select * from all_raw)) d) as all,
            (select count(*)::int from ((select * from area_raw except select * from area_bins)
              union all (select * from area_bins except select * from area_raw)) d) as area`,
    );
    expect(mismatches).toEqual({ map: 0, all: 0, area: 0 });
    const total = await queryRow<{ raw: number; bins: number }>(
      handle.db,
      sql`select (select count(*)::int from complaints) as raw,
                 (select sum(n)::int from complaint_map_bins where level = 14) as bins`,
    );
    expect(total?.bins).toBe(total?.raw);
  });
});

async function counts() {
  return (await queryRow<{ complaints: number; events: number; notifications: number }>(
    handle.db,
    sql`select (select count(*)::int from complaints) as complaints,
               (select count(*)::int from complaint_events) as events,
               (select count(*)::int from notifications) as notifications`,
  ))!;
}
