/**
 * 每月一题 on a real PostGIS: two years of ordinary complaints in every village of the fixture
 * geography (a few rated, few reopened, one office each), and a planted recurring problem in
 * 清香坪街道 (西区) × 水利: six a month, passed between three offices, often unsatisfied and reopened,
 * falling to two a month after it was picked eight months ago. It ranks first for the city's
 * leader and for 西区's inspector, never for 东区's; a pick is stored once per division and month
 * and audited; its page shows the fall with a significant Poisson rate comparison.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/db/client';
import { queryRow, queryRows } from '@/db/sql';
import { createTestDb } from '@/db/testing/test-db';
import type { AuthUser } from '@/lib/auth/types';
import { formatMonth } from '@/lib/format/date-time';
import { seededRandom } from '@/lib/triage/random';
import {
  buildWorkflowWorld,
  type WorkflowWorld,
  XIQU_TOWN,
  XIQU_VILLAGE,
} from '@/lib/workflow/testing/fixture';
import { addMonths } from './before-after';
import { getMonthlyTopic } from './get-monthly-topic.server';
import { listTopicCandidates, monthStart } from './list-topic-candidates.server';
import { pickMonthlyTopic } from './pick-monthly-topic.server';

vi.mock('server-only', () => ({}));

let handle: DbHandle;
let world: WorkflowWorld;
let cityLeader: AuthUser;
const NOW = new Date();
const M0 = formatMonth(NOW);
/** The planted problem was picked in this month (eight months ago). */
const PICK_MONTH = addMonths(M0, -8);
const PICK_NOW = new Date(monthStart(PICK_MONTH).getTime() + 10 * 86_400_000);

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
  tag: string;
}

async function insertComplaints(rows: Row[], prefix: string): Promise<void> {
  await handle.db.execute(
    sql`insert into complaints (tracking_code, channel, title, description, category_code, urgency_code, location,
          county_code, town_code, village_code, status, submitted_at, responsible_office_id)
        select ${prefix} || lpad(x.n::text, 7, '0'), 'web', x.tag, '历史诉求的描述文字', x.category, 'normal', v.centre,
          t.parent_code, v.parent_code, v.code, 'closed', x.at, o.id
        from unnest(${sql.param(rows.map((r) => r.village))}::text[], ${sql.param(rows.map((r) => r.category))}::text[],
          ${sql.param(rows.map((r) => r.at))}::timestamptz[], ${sql.param(rows.map((r) => r.tag))}::text[])
          with ordinality as x(village, category, at, tag, n)
        join divisions v on v.code = x.village join divisions t on t.code = v.parent_code
        left join lateral (select id from offices where code = t.parent_code || '-GOV') o on true`,
  );
}

const at = (month: string, day: number) =>
  new Date(monthStart(month).getTime() + day * 86_400_000 + 3_600_000);

beforeAll(async () => {
  handle = await createTestDb();
  world = await buildWorkflowWorld(handle.db);
  const row = await queryRow<{ id: number }>(
    handle.db,
    sql`insert into users (username, display_name, password_hash, role, division_code)
        values ('leader.city.t', '市领导', 'x', 'leader'::role, '510400000000') returning id`,
  );
  cityLeader = {
    id: Number(row!.id),
    username: 'leader.city.t',
    displayName: '市领导',
    role: 'leader',
    jurisdiction: { kind: 'division', divisionCode: '510400000000', divisionLevel: 'city' },
    jurisdictionName: '攀枝花市',
  };
  // Ordinary: 24 months, every village × 6 categories at 0.3–2.5 a month.
  const u = seededRandom(2019);
  const villages = await queryRows<{ code: string }>(
    handle.db,
    sql`select code from divisions where level = 'village' order by code`,
  );
  const rows: Row[] = [];
  for (const v of villages)
    for (const c of ['ZJ01', 'SL02', 'WY01', 'SD01', 'JT01', 'HB01']) {
      const rate = 0.3 + 2.2 * u() ** 2;
      for (let k = 24; k >= 1; k--) {
        const month = addMonths(M0, -k);
        for (let i = poisson(rate, u); i > 0; i--)
          rows.push({
            village: v.code,
            category: c,
            at: at(month, Math.floor(u() * 27)).toISOString(),
            tag: 'ordinary',
          });
      }
    }
  // Planted: 清香坪社区 × 水利 (SL01), six a month until the pick month, two a month after it.
  for (let k = 24; k >= 1; k--) {
    const month = addMonths(M0, -k);
    const n = month <= PICK_MONTH ? 6 : 2;
    for (let i = 0; i < n; i++)
      rows.push({
        village: XIQU_VILLAGE,
        category: 'SL01',
        at: at(month, 2 + i * 4).toISOString(),
        tag: 'planted',
      });
  }
  await insertComplaints(rows, 'T');
  // Ratings: one in 20 ordinary complaints unsatisfied; the planted ones 1 in 3 unsatisfied.
  await handle.db.execute(
    sql`insert into ratings (complaint_id, level, created_at)
        select id, (case when (title = 'planted' and id % 3 = 0) or (title = 'ordinary' and id % 20 = 0)
          then 'unsatisfied' else 'satisfied' end)::rating_level, submitted_at + interval '9 days'
        from complaints where id % 4 <> 1`,
  );
  // Planted: dispatched to the water bureau, transferred to the district government, then to the town;
  // one in four reopened. Ordinary: one dispatch to its county government, one in 50 reopened.
  const offices = [world.offices.water, world.offices.xiquGov, world.offices.townGov];
  await handle.db.execute(
    sql`insert into complaint_events (complaint_id, type, data, created_at)
        select c.id, e.type, jsonb_build_object('officeId', e.office), c.submitted_at + e.after
        from complaints c
        cross join lateral (values ('dispatched', ${offices[0]}::int, interval '1 hour'),
          ('transferred', ${offices[1]}::int, interval '2 days'), ('transferred', ${offices[2]}::int, interval '4 days')) e(type, office, after)
        where c.title = 'planted'`,
  );
  await handle.db.execute(
    sql`insert into complaint_events (complaint_id, type, created_at)
        select id, 'reopened', submitted_at + interval '20 days' from complaints
        where (title = 'planted' and id % 4 = 0) or (title = 'ordinary' and id % 50 = 0)`,
  );
  expect(rows.length).toBeGreaterThan(1000);
}, 180_000);

afterAll(async () => {
  await handle?.close();
});

describe('每月一题', () => {
  it('ranks the planted recurring problem first for the city leader and 西区, with its figures', async () => {
    const city = await listTopicCandidates(handle.db, cityLeader, { month: PICK_MONTH }, { now: PICK_NOW });
    expect(city.window).toEqual({
      fromMonth: addMonths(PICK_MONTH, -12),
      toMonth: addMonths(PICK_MONTH, -1),
    });
    expect(city.candidates.length).toBeGreaterThan(5);
    const [top] = city.candidates;
    expect(top).toMatchObject({ rank: 1, area: { code: XIQU_TOWN }, category: { code: 'SL', name: '水利' } });
    expect(top!.volume).toBeGreaterThanOrEqual(72);
    expect(top!.monthsActive).toBe(12);
    expect(top!.offices).toBe(3);
    expect(top!.dissatisfaction).toBeGreaterThan(0.15);
    expect(top!.reopenRate).toBeGreaterThan(0.1);
    expect(city.canPick).toBe(true);

    const xiqu = await listTopicCandidates(
      handle.db,
      world.users.inspector,
      { month: PICK_MONTH },
      { now: PICK_NOW },
    );
    expect(xiqu.candidates[0]).toMatchObject({ area: { code: XIQU_TOWN }, category: { code: 'SL' } });
    expect(xiqu.candidates.every((c) => c.area.code.startsWith('510403'))).toBe(true);
  });

  it('scopes by role and jurisdiction', async () => {
    const dongqu = await listTopicCandidates(handle.db, world.users.otherInspector, {}, { now: NOW });
    expect(dongqu.candidates.length).toBeGreaterThan(0);
    expect(dongqu.candidates.every((c) => c.area.code.startsWith('510402'))).toBe(true);
    await expect(listTopicCandidates(handle.db, world.users.handler, {}, { now: NOW })).rejects.toMatchObject(
      {
        code: 'FORBIDDEN',
      },
    );
    await expect(
      listTopicCandidates(handle.db, cityLeader, { month: addMonths(M0, 1) }, { now: NOW }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('stores one audited pick per division and month, offered candidates only', async () => {
    await expect(
      pickMonthlyTopic(
        handle.db,
        world.users.inspector,
        { areaCode: '510402001000', categoryCode: 'SL' },
        { now: PICK_NOW },
      ),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(
      pickMonthlyTopic(
        handle.db,
        world.users.inspector,
        { areaCode: XIQU_TOWN, categoryCode: 'SL', month: addMonths(PICK_MONTH, -1) },
        { now: PICK_NOW },
      ),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    const { id } = await pickMonthlyTopic(
      handle.db,
      world.users.inspector,
      { areaCode: XIQU_TOWN, categoryCode: 'SL', note: '清香坪供水反复停水' },
      { now: PICK_NOW },
    );
    await expect(
      pickMonthlyTopic(
        handle.db,
        world.users.inspector,
        { areaCode: XIQU_TOWN, categoryCode: 'WY' },
        { now: PICK_NOW },
      ),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    const audit = await queryRows<{ action: string; target_id: string }>(
      handle.db,
      sql`select action, target_id from audit_log where action = 'topic.pick'`,
    );
    expect(audit).toEqual([{ action: 'topic.pick', target_id: String(id) }]);
    // The leader of the city sees the 西区 topic in its list; 东区's inspector does not, nor its page.
    const city = await listTopicCandidates(handle.db, cityLeader, { month: PICK_MONTH }, { now: PICK_NOW });
    expect(city.topics.map((t) => t.id)).toEqual([id]);
    expect(city.picked).toBeNull();
    const xiqu = await listTopicCandidates(
      handle.db,
      world.users.inspector,
      { month: PICK_MONTH },
      { now: PICK_NOW },
    );
    expect(xiqu.picked).toMatchObject({ id, month: PICK_MONTH, note: '清香坪供水反复停水' });
    const dongqu = await listTopicCandidates(handle.db, world.users.otherInspector, {}, { now: NOW });
    expect(dongqu.topics).toEqual([]);
    await expect(getMonthlyTopic(handle.db, world.users.otherInspector, id)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('tracks the picked problem: six a month before, two after, a significant fall', async () => {
    const row = await queryRow<{ id: number }>(handle.db, sql`select id from monthly_topics`);
    const detail = await getMonthlyTopic(handle.db, cityLeader, Number(row!.id), { now: NOW });
    expect(detail.series.months[0]).toBe(addMonths(PICK_MONTH, -12));
    expect(detail.series.months.at(-1)).toBe(M0);
    // The ordinary SL02 of 清香坪社区 adds to the planted six and two.
    expect(detail.comparison.before.months).toBe(12);
    expect(detail.comparison.after.months).toBe(7);
    expect(detail.comparison.before.mean).toBeGreaterThanOrEqual(6);
    expect(detail.comparison.after.mean).toBeLessThan(detail.comparison.before.mean - 3);
    expect(detail.comparison.verdict).toBe('fell');
    expect(detail.comparison.pDecrease!).toBeLessThan(0.001);
    expect(detail.topic.candidate.rank).toBe(1);
  });
});
