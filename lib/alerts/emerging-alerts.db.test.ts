/**
 * Emerging hot-spot alerts end to end on a real PostGIS: a year of ordinary Poisson history spread
 * around every village of the fixture geography stays silent; a problem that grows over the last
 * weeks in one place of a 西区 village raises an emerging alert (kind, class, village, category, its
 * complaints, one sentence) in the same run as the surges, seen by 西区's inspector only; it closes
 * once the cell leaves its class.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/db/client';
import { queryRow, queryRows } from '@/db/sql';
import { createTestDb } from '@/db/testing/test-db';
import { seededRandom } from '@/lib/triage/random';
import {
  buildWorkflowWorld,
  JIUCAIPING,
  type WorkflowWorld,
  XIQU_VILLAGE,
} from '@/lib/workflow/testing/fixture';
import { listAlerts } from './list-alerts.server';
import { forgetEmergingHistory } from './run-emerging-alerts.server';
import { forgetSurgeBaseline, runSurgeAlerts } from './run-surge-alerts.server';

vi.mock('server-only', () => ({}));

const DAY = 86_400_000;
let handle: DbHandle;
let world: WorkflowWorld;
const NOW = new Date();

function poisson(lambda: number, u: () => number): number {
  const l = Math.exp(-lambda);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= u();
  } while (p > l);
  return k - 1;
}

interface Row {
  village: string;
  category: string;
  at: string;
  dx: number;
  dy: number;
}

async function insert(rows: Row[], prefix: string) {
  await handle.db.execute(
    sql`insert into complaints (tracking_code, channel, title, description, category_code, urgency_code, location,
          county_code, town_code, village_code, status, submitted_at)
        select ${prefix} || lpad(x.n::text, 7, '0'), 'web', '历史诉求', '历史诉求的描述文字', x.category, 'normal',
          ST_SetSRID(ST_MakePoint(ST_X(v.centre) + x.dx, ST_Y(v.centre) + x.dy), 4326),
          t.parent_code, v.parent_code, v.code, 'closed', x.at
        from unnest(${sql.param(rows.map((r) => r.village))}::text[], ${sql.param(rows.map((r) => r.category))}::text[],
          ${sql.param(rows.map((r) => r.at))}::timestamptz[], ${sql.param(rows.map((r) => r.dx))}::float8[],
          ${sql.param(rows.map((r) => r.dy))}::float8[])
          with ordinality as x(village, category, at, dx, dy, n)
        join divisions v on v.code = x.village join divisions t on t.code = v.parent_code`,
  );
}

/** 52 weeks up to yesterday: every village × 8 categories, scattered within ~600 m of the village centre. */
async function insertOrdinaryYear() {
  const u = seededRandom(1919);
  const villages = await queryRows<{ code: string }>(
    handle.db,
    sql`select code from divisions where level = 'village' order by code`,
  );
  const cats = ['ZJ01', 'SL02', 'WJ02', 'WY01', 'SD01', 'JT01', 'HB01', 'MZ01'];
  const rows: Row[] = [];
  for (const v of villages) {
    const size = 0.5 + 1.5 * u();
    for (const c of cats) {
      const rate = size * (0.01 + 0.06 * u());
      for (let d = 1; d <= 364; d++) {
        const n = poisson(rate, u);
        for (let i = 0; i < n; i++)
          rows.push({
            village: v.code,
            category: c,
            at: new Date(NOW.getTime() - d * DAY - u() * 8 * 3_600_000).toISOString(),
            dx: (u() - 0.5) * 0.012,
            dy: (u() - 0.5) * 0.012,
          });
      }
    }
  }
  await insert(rows, 'H');
  return rows.length;
}

beforeAll(async () => {
  handle = await createTestDb();
  world = await buildWorkflowWorld(handle.db);
  const n = await insertOrdinaryYear();
  expect(n).toBeGreaterThan(2000);
}, 180_000);

afterAll(async () => {
  await handle?.close();
});

describe('emerging hot-spot alerts', () => {
  it('a year of ordinary history raises no emerging alert', async () => {
    const run = await runSurgeAlerts(handle.db, { now: NOW, trigger: 'demand' });
    expect(run.emerging.tested).toBeGreaterThan(0);
    expect(run.emerging.opened).toBe(0);
    expect(run.opened).toBe(0);
  });

  it('names the village, category and class of a problem growing over the last weeks, in the same run', async () => {
    // 环保 (HB) at one spot of the 西区 village: 3, 4, 5, 6 complaints in the last four weeks.
    const u = seededRandom(7);
    const rows: Row[] = [];
    for (const [week, n] of [
      [3, 3],
      [2, 4],
      [1, 5],
      [0, 6],
    ] as const) {
      for (let k = 0; k < n; k++) {
        const daysAgo = week * 7 + Math.floor(u() * 6) + (week === 0 ? 1 : 0);
        rows.push({
          village: XIQU_VILLAGE,
          category: 'HB02',
          at: new Date(NOW.getTime() - daysAgo * DAY - 3_600_000).toISOString(),
          dx: 0.0005 * u(),
          dy: 0.0005 * u(),
        });
      }
    }
    await insert(rows, 'P');
    forgetSurgeBaseline(handle.db);
    forgetEmergingHistory(handle.db);
    const run = await runSurgeAlerts(handle.db, { now: NOW, trigger: 'demand' });
    expect(run.emerging.opened).toBe(1);

    const seen = await listAlerts(
      handle.db,
      world.users.inspector,
      { state: 'open', limit: 100 },
      { refresh: false },
    );
    const emerging = seen.alerts.filter((a) => a.kind === 'emerging');
    expect(emerging).toHaveLength(1);
    const [a] = emerging;
    expect(a).toMatchObject({ area: { code: XIQU_VILLAGE, level: 'village' }, category: { code: 'HB' } });
    expect(a!.pattern).toMatch(/^(consecutive|intensifying|new)$/);
    expect(a!.cell!.windowWeeks).toBeGreaterThanOrEqual(a!.pattern === 'new' ? 1 : 2);
    expect(a!.observed).toBeGreaterThan(a!.upperLimit);
    expect(a!.complaintIds.length).toBe(a!.observed);
    expect(a!.cell!.weekly.at(-1)).toBe(6);
    expect(a!.sentence).toMatch(
      /一带 环保 (连续热点|加剧热点|新出现热点)：近\d+(周|日) \d+ 件，此前平均每周 [\d.]+ 件（1 公里网格）$/,
    );
    expect(a!.sentenceEn).toMatch(/^Around .+ hot spot, \d+ in the last/);
    // Another county's inspector sees none of it.
    const other = await listAlerts(
      handle.db,
      world.users.otherInspector,
      { state: 'all', limit: 100 },
      { refresh: false },
    );
    expect(other.alerts.filter((x) => x.kind === 'emerging')).toEqual([]);

    // A second run keeps the one alert open.
    const again = await runSurgeAlerts(handle.db, {
      now: new Date(NOW.getTime() + 60_000),
      trigger: 'demand',
    });
    expect(again.emerging).toMatchObject({ opened: 0, updated: 1, closed: 0 });
  });

  it('a one-day burst in one village raises its surge alert and no emerging alert besides', async () => {
    // 用水用电 (SD) at one spot of 韭菜坪村: 8 complaints within the last hour.
    const rows: Row[] = Array.from({ length: 8 }, (_, k) => ({
      village: JIUCAIPING,
      category: 'SD01',
      at: new Date(NOW.getTime() - (k + 1) * 60_000).toISOString(),
      dx: 0.0002 * k,
      dy: 0.0001 * k,
    }));
    await insert(rows, 'B');
    forgetSurgeBaseline(handle.db);
    forgetEmergingHistory(handle.db);
    await runSurgeAlerts(handle.db, { now: NOW, trigger: 'demand' });
    const open = await queryRows<{ kind: string; area_code: string }>(
      handle.db,
      sql`select kind, area_code from alerts where category_code = 'SD' and closed_at is null order by kind`,
    );
    expect(open).toEqual([{ kind: 'surge', area_code: JIUCAIPING }]);
  });

  it('closes once the cell has left its class', async () => {
    const later = new Date(NOW.getTime() + 35 * DAY);
    forgetEmergingHistory(handle.db);
    const run = await runSurgeAlerts(handle.db, { now: later, trigger: 'schedule' });
    expect(run.emerging.closed).toBe(1);
    const open = await queryRow<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from alerts where kind = 'emerging' and closed_at is null`,
    );
    expect(open?.n).toBe(0);
  });
});
