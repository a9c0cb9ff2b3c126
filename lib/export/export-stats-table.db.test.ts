/** Statistics tables as .xlsx equal the tables (lib/stats/tables.server.ts) they come from. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { createTestDb } from '@/db/testing/test-db';
import { listIndicatorComplaints } from '@/lib/stats/list-indicator-complaints.server';
import { officeRankingTable } from '@/lib/stats/tables.server';
import { insertStatsCases, STATS_NOW } from '@/lib/stats/testing/stats-fixture';
import { buildWorkflowWorld, DONGQU, type WorkflowWorld } from '@/lib/workflow/testing/fixture';
import { parseComplaintExportQuery } from './complaint-export-query';
import { exportComplaints } from './export-complaints.server';
import { exportStatsTable, statsExportQuery } from './export-stats-table.server';
import { readXlsx } from './xlsx.server';

let handle: DbHandle;
let world: WorkflowWorld;
beforeAll(async () => {
  handle = await createTestDb();
  world = await buildWorkflowWorld(handle.db);
  await insertStatsCases(handle.db, world);
});
afterAll(async () => {
  await handle?.close();
});

async function sheet(params: Record<string, string>, user = world.users.leader) {
  const out = await exportStatsTable(handle.db, user, statsExportQuery.parse(params), {
    now: STATS_NOW,
    locale: 'zh-CN',
  });
  const book = await readXlsx(new Uint8Array(await new Response(out.body).arrayBuffer()));
  return { out, rows: [...book.values()][0] ?? [] };
}

describe('stats.xlsx', () => {
  it('the office ranking re-read equals the table', async () => {
    const table = await officeRankingTable(handle.db, world.users.leader, {
      from: '2026-01-01',
      to: '2026-01-31',
      now: STATS_NOW,
    });
    const { out, rows } = await sheet({ table: 'offices', from: '2026-01-01', to: '2026-01-31' });
    expect(out.rows).toBe(table.rows.length);
    expect(rows[0]).toEqual(table.columns.map((c) => c.header));
    expect(rows.slice(1)).toEqual(
      table.rows.map((r) => table.columns.map((c) => (r[c.key] === null ? undefined : r[c.key]))),
    );
  });

  it('every table exports with Chinese headers', async () => {
    const period = { from: '2026-01-01', to: '2026-01-31' };
    const tables: Record<string, string>[] = [
      { table: 'indicators', ...period },
      { table: 'categories', ...period },
      { table: 'trend', lastMonth: '2026-01' },
      { table: 'assessment', month: '2026-01' },
    ];
    for (const params of tables) {
      const { rows } = await sheet(params);
      expect(rows.length, params.table).toBeGreaterThan(1);
      expect(String(rows[0]?.[0] ?? '') + String(rows[0]?.[1] ?? '')).toMatch(/[\u4e00-\u9fff]/);
    }
    const { rows } = await sheet({ table: 'indicators', ...period });
    expect(rows.find((r) => r[0] === '受理量')?.[2]).toBe(9);
  });

  it('outside the jurisdiction: NOT_FOUND; handlers: FORBIDDEN', async () => {
    await expect(
      sheet({ table: 'offices', area: DONGQU, from: '2026-01-01', to: '2026-01-31' }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      sheet({ table: 'offices', from: '2026-01-01', to: '2026-01-31' }, world.users.handler),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('complaints.xlsx?list=indicator (the drill-down behind a figure)', () => {
  async function drill(params: Record<string, string>, user = world.users.leader) {
    const out = await exportComplaints(
      handle.db,
      user,
      parseComplaintExportQuery({ list: 'indicator', ...params }),
      {
        now: STATS_NOW,
        locale: 'zh-CN',
      },
    );
    const book = await readXlsx(new Uint8Array(await new Response(out.body).arrayBuffer()));
    return { out, rows: [...book.values()][0] ?? [] };
  }

  it.each([
    { indicator: 'volume', part: 'numerator' },
    { indicator: 'on_time', part: 'denominator' },
    { indicator: 'reopen_rate', part: 'numerator' },
  ] as const)(
    '$indicator $part re-read equals the drill-down list, in its order',
    async ({ indicator, part }) => {
      const period = { from: '2026-01-01', to: '2026-01-31' };
      const list = await listIndicatorComplaints(handle.db, world.users.leader, {
        indicator,
        part,
        ...period,
        limit: 500,
        now: STATS_NOW,
      });
      const { out, rows } = await drill({ indicator, part, ...period });
      expect(out.rows).toBe(list.total);
      expect(rows[0]?.[0]).toBe('诉求编号');
      expect(rows.slice(1).map((r) => r[0])).toEqual(list.rows.map((r) => r.trackingCode));
    },
  );

  it('outside the jurisdiction: NOT_FOUND; handlers: FORBIDDEN; bad indicator: VALIDATION', async () => {
    const period = { from: '2026-01-01', to: '2026-01-31' };
    await expect(drill({ indicator: 'volume', area: DONGQU, ...period })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(drill({ indicator: 'volume', ...period }, world.users.handler)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(() => parseComplaintExportQuery({ list: 'indicator', indicator: 'nope' })).toThrow();
  });
});
