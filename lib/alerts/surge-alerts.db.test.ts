/**
 * Surge alerts end to end on a real PostGIS: 13 weeks of ordinary Poisson history in every village of
 * the fixture geography, then bursts filed through the real intake verb (`submitComplaint`). The
 * ordinary history stays silent; a burst is named (village and category) by the first read after it;
 * inspectors of other counties see nothing; subscribers get a reminder; the alert closes once the
 * week is back inside its limits.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/db/client';
import { queryRow, queryRows } from '@/db/sql';
import { createTestDb } from '@/db/testing/test-db';
import type { AuthUser } from '@/lib/auth/types';
import { submitComplaint } from '@/lib/intake/submit-complaint.server';
import { seededRandom } from '@/lib/triage/random';
import { buildWorkflowWorld, JIUCAIPING, type WorkflowWorld } from '@/lib/workflow/testing/fixture';
import { listAlerts } from './list-alerts.server';
import { listSubscriptions, subscribeToAlerts } from './manage-subscriptions.server';
import { runSurgeAlerts } from './run-surge-alerts.server';

vi.mock('server-only', () => ({}));

const YANBIAN = '510422000000';
const DAY = 86_400_000;
let handle: DbHandle;
let world: WorkflowWorld;
let yanbianInspector: AuthUser;
let yanbianLeader: AuthUser;
/** Real time: intake stamps complaints with the database's now(). */
const NOW = new Date();

const rng = seededRandom;
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

/** 13 weeks up to yesterday: every village × level-1 category at 0.01–0.12 a day, weekdays busier. */
async function insertOrdinaryHistory() {
  const u = rng(42);
  const villages = await queryRows<{ code: string }>(
    handle.db,
    sql`select code from divisions where level = 'village' order by code`,
  );
  const cats = [
    'ZJ01',
    'SL02',
    'WJ02',
    'WY01',
    'AQ03',
    'SC01',
    'SD01',
    'JT01',
    'HB01',
    'JY01',
    'MZ01',
    'CG01',
    'NY01',
  ];
  const village: string[] = [];
  const category: string[] = [];
  const at: string[] = [];
  for (const v of villages) {
    const size = 0.5 + 1.5 * u();
    for (const c of cats) {
      const rate = size * (0.01 + 0.08 * u());
      for (let d = 1; d <= 91; d++) {
        const day = new Date(NOW.getTime() - d * DAY);
        const weekday = (day.getUTCDay() + 6) % 7;
        const n = poisson(rate * (weekday >= 5 ? 0.8 : 1.08), u);
        for (let i = 0; i < n; i++) {
          village.push(v.code);
          category.push(c);
          at.push(new Date(day.getTime() - u() * 8 * 3_600_000).toISOString());
        }
      }
    }
  }
  await handle.db.execute(
    sql`insert into complaints (tracking_code, channel, title, description, category_code, urgency_code, location,
          county_code, town_code, village_code, status, submitted_at)
        select 'H' || lpad(x.n::text, 7, '0'), 'web', '历史诉求', '历史诉求的描述文字', x.category, 'normal', v.centre,
          t.parent_code, v.parent_code, v.code, 'closed', x.at
        from unnest(${sql.param(village)}::text[], ${sql.param(category)}::text[], ${sql.param(at)}::timestamptz[])
          with ordinality as x(village, category, at, n)
        join divisions v on v.code = x.village join divisions t on t.code = v.parent_code`,
  );
  return village.length;
}

/** A point inside a village (its boundary's point on surface). */
async function pointIn(code: string) {
  const row = await queryRow<{ lng: number; lat: number }>(
    handle.db,
    sql`select ST_X(p) as lng, ST_Y(p) as lat from (select ST_PointOnSurface(boundary) as p from divisions where code = ${code}) s`,
  );
  return { lng: Number(row!.lng), lat: Number(row!.lat), datum: 'wgs84' as const };
}

beforeAll(async () => {
  handle = await createTestDb();
  world = await buildWorkflowWorld(handle.db);
  const mk = async (username: string, role: 'inspector' | 'leader'): Promise<AuthUser> => {
    const row = await queryRow<{ id: number }>(
      handle.db,
      sql`insert into users (username, display_name, password_hash, role, division_code)
          values (${username}, ${username}, 'x', ${role}::role, ${YANBIAN}) returning id`,
    );
    return {
      id: Number(row!.id),
      username,
      displayName: username,
      role,
      jurisdiction: { kind: 'division', divisionCode: YANBIAN, divisionLevel: 'county' },
      jurisdictionName: '盐边县',
    };
  };
  yanbianInspector = await mk('yb.inspector', 'inspector');
  yanbianLeader = await mk('yb.leader', 'leader');
  const n = await insertOrdinaryHistory();
  expect(n).toBeGreaterThan(500);
}, 120_000);

afterAll(async () => {
  await handle?.close();
});

describe('surge alerts', () => {
  it('ordinary history raises nothing', async () => {
    const run = await runSurgeAlerts(handle.db, { now: NOW, trigger: 'demand' });
    expect(run.series).toBeGreaterThan(100);
    expect(run.opened).toBe(0);
  });

  it('names the village and category of a burst filed through intake at the first read, and nothing else', async () => {
    await subscribeToAlerts(handle.db, yanbianInspector, { areaCode: YANBIAN, categoryCode: 'SL' });
    await subscribeToAlerts(handle.db, world.users.inspector, {
      areaCode: '510403000000',
      categoryCode: null,
    });
    // A subscription names its category in both languages (the list shows the reader's).
    const mine = await listSubscriptions(handle.db, yanbianInspector);
    expect(mine.subscriptions).toMatchObject([
      { categoryCode: 'SL', categoryName: '水利', categoryNameEn: 'Water resources' },
    ]);
    const location = await pointIn(JIUCAIPING);
    for (let i = 0; i < 6; i++) {
      // Half with the category chosen, half left to triage ("没有水喝" → 饮水安全 SL01).
      await submitComplaint(handle.db, {
        description: `村里已经停水${i + 2}天了，家里没有水喝，请尽快解决。`,
        location,
        ...(i % 2 === 0 ? { categoryCode: 'SL01' } : {}),
        contact: { phone: `1391234${String(5600 + i)}` },
      });
    }
    // No explicit run: the read sees complaints newer than the last run and recomputes.
    const seen = await listAlerts(
      handle.db,
      yanbianInspector,
      { state: 'open', limit: 100 },
      { now: new Date() },
    );
    expect(seen.alerts).toHaveLength(1);
    const [a] = seen.alerts;
    expect(a).toMatchObject({
      kind: 'surge',
      window: 'day',
      area: { code: JIUCAIPING, level: 'village' },
      category: { code: 'SL', name: '水利' },
      observed: 6,
    });
    // Staff read the counted complaints by their tracking codes, in the order of their links.
    const codes = await Promise.all(
      a!.complaintIds.map(
        async (id) =>
          (await queryRow<{ tracking_code: string }>(
            handle.db,
            sql`select tracking_code from complaints where id = ${id}`,
          ))!.tracking_code,
      ),
    );
    expect(a!.complaintCodes).toEqual(codes);
    expect(a!.area.name).toBe('韭菜坪村村民委员会');
    expect(a!.area.path).toBe('盐边县格萨拉彝族乡韭菜坪村');
    expect(a!.observed).toBeGreaterThan(a!.upperLimit);
    expect(a!.expected).toBeLessThan(1);
    expect(a!.complaintIds).toHaveLength(6);
    expect(a!.complaintLinks[0]).toMatch(/^\/cases\/\d+$/);
    expect(a!.sentence).toMatch(/^盐边县格萨拉彝族乡韭菜坪村 水利 今日 6 件，预期 [\d.]+ 件（上限 \d+）$/);
    expect(a!.sentenceEn).toContain('6 today');

    // The county's leader sees it too; another county's inspector sees nothing.
    const leader = await listAlerts(
      handle.db,
      yanbianLeader,
      { state: 'open', limit: 100 },
      { refresh: false },
    );
    expect(leader.alerts.map((x) => x.area.code)).toEqual([JIUCAIPING]);
    const other = await listAlerts(
      handle.db,
      world.users.inspector,
      { state: 'all', limit: 100 },
      { refresh: false },
    );
    expect(other.alerts).toEqual([]);

    // The subscriber of 盐边县 × 水利 has a reminder; the 西区 subscriber none.
    const reminders = await queryRows<{ recipient_user_id: number; body: string }>(
      handle.db,
      sql`select recipient_user_id, body from notifications where kind = 'surge_alert'`,
    );
    expect(reminders).toEqual([{ recipient_user_id: yanbianInspector.id, body: a!.sentence }]);
  });

  it('a second run keeps one open alert per series and follows the count', async () => {
    await submitComplaint(handle.db, {
      description: '韭菜坪村还是没有水喝，已经一个星期了。',
      location: await pointIn(JIUCAIPING),
      categoryCode: 'SL01',
    });
    const run = await runSurgeAlerts(handle.db, { now: new Date(), trigger: 'demand' });
    expect(run).toMatchObject({ opened: 0, updated: 1, closed: 0 });
    const rows = await queryRows<{ n: number; observed: number; peak: number }>(
      handle.db,
      sql`select count(*)::int as n, max(observed) as observed, max(peak_observed) as peak from alerts`,
    );
    expect(rows[0]).toMatchObject({ n: 1, observed: 7, peak: 7 });
  });

  it('a burst of another category in a 西区 village is that county’s alone', async () => {
    const location = await pointIn('510403001001');
    for (let i = 0; i < 5; i++) {
      await submitComplaint(handle.db, {
        description: `清香坪社区门口的路灯坏了第${i + 1}盏，晚上漆黑一片。`,
        location,
        categoryCode: 'CG02',
      });
    }
    // Texts triage cannot classify wait for manual dispatch under 其他问题: no surge of 其他.
    const other = await queryRow<{ code: string }>(
      handle.db,
      sql`select code from divisions where level = 'village' and code like '510403%' and code <> '510403001001' order by code limit 1`,
    );
    const elsewhere = await pointIn(other!.code);
    for (let i = 0; i < 6; i++) {
      const r = await submitComplaint(handle.db, {
        description: `你好，麻烦看一下，谢谢${'！'.repeat(i + 1)}`,
        location: elsewhere,
      });
      expect(r.status).toBe('triaged');
    }
    const xiqu = await listAlerts(
      handle.db,
      world.users.inspector,
      { state: 'open', limit: 100 },
      { now: new Date() },
    );
    expect(xiqu.alerts.map((a) => [a.area.code, a.category.code])).toEqual([['510403001001', 'CG']]);
    const yanbian = await listAlerts(
      handle.db,
      yanbianInspector,
      { state: 'open', limit: 100 },
      { refresh: false },
    );
    expect(yanbian.alerts.map((a) => a.area.code)).toEqual([JIUCAIPING]);
  });

  it('closes an alert once the count is back inside its limits', async () => {
    const later = new Date(NOW.getTime() + 8 * DAY);
    const run = await runSurgeAlerts(handle.db, { now: later, trigger: 'schedule' });
    expect(run.closed).toBe(2);
    expect(run.open).toBe(0);
    const open = await queryRow<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from alerts where closed_at is null`,
    );
    expect(open?.n).toBe(0);
    const closed = await listAlerts(
      handle.db,
      yanbianInspector,
      { state: 'all', limit: 100 },
      { refresh: false },
    );
    expect(closed.alerts[0]).toMatchObject({ area: { code: JIUCAIPING }, peakObserved: 7 });
    expect(closed.alerts[0]!.closedAt).toBe(later.toISOString());
  });
});
