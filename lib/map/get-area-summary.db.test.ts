/**
 * The area panel counts what the complaints say: for a county, town, village and grid, every filter
 * the panel offers and every jurisdiction, the summary from the area bins equals the one-pass
 * aggregation of the complaints and plain counts (no complaint lost or counted twice), and the bins
 * stay exact as complaints arrive, change status, category, month or area, and go.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import {
  type AreaRow,
  areaBinCondition,
  areaBinsCanAnswer,
  complaintInArea,
  summariseAreaBins,
  summariseComplaints,
} from '@/db/queries/map-panels';
import { queryRow, queryRows } from '@/db/sql';
import { createTestDb } from '@/db/testing/test-db';
import { complaintBinScope, complaintMapScope } from '@/lib/auth/policy';
import { CODES, divisionUser, type Fixtures, insertGeographyAndOffices } from '@/lib/auth/testing/fixtures';
import type { AuthUser } from '@/lib/auth/types';
import { type ComplaintFilter, EMPTY_FILTER, lastTwelveMonths } from './filters';
import { getAreaSummary } from './get-area-summary.server';

let handle: DbHandle;
let fx: Pick<Fixtures, 'offices' | 'grids'>;
const now = new Date('2026-05-20T10:00:00+08:00');
const months = lastTwelveMonths(now);

const user = divisionUser;

const AREAS: AreaRow[] = [
  { code: CODES.xiqu, name: '西区', level: 'county' },
  { code: CODES.dongqu, name: '东区', level: 'county' },
  { code: CODES.xiquTown, name: 't', level: 'town' },
  { code: CODES.dongquVillage, name: 'v', level: 'village' },
];

const FILTERS: ComplaintFilter[] = [
  EMPTY_FILTER,
  { ...EMPTY_FILTER, from: '2025-09', to: '2026-02' },
  { ...EMPTY_FILTER, categories: ['SL'] },
  { ...EMPTY_FILTER, categories: ['WY'], to: '2026-04' },
  { ...EMPTY_FILTER, statuses: ['in_progress', 'received'] },
  { ...EMPTY_FILTER, statuses: ['closed', 'in_progress'], from: '2026-01' },
];

/** The summary both ways (the bins must be able to answer), and a plain count of the same complaints. */
async function bothWays(u: AuthUser, area: AreaRow, filter: ComplaintFilter) {
  const where = complaintInArea(area);
  const scope = complaintMapScope(u);
  const binWhere = areaBinCondition(area);
  const binScope = complaintBinScope(u);
  expect(binWhere && binScope && areaBinsCanAnswer(filter)).toBeTruthy();
  const bins = await summariseAreaBins(handle.db, {
    binWhere: binWhere!,
    binScope: binScope!,
    where,
    scope,
    filter,
    now,
    months,
  });
  const raw = await summariseComplaints(handle.db, { where, scope, filter, now, months });
  return { bins, raw };
}

/** Plain counts by status and month, independent of both paths. */
async function plain(u: AuthUser, where: ReturnType<typeof sql>) {
  const byStatus = await queryRows<{ key: string; n: number }>(
    handle.db,
    sql`select status::text as key, count(*)::int as n from complaints where ${complaintMapScope(u)} and ${where}
        group by 1`,
  );
  const total = await queryRow<{ n: number }>(
    handle.db,
    sql`select count(*)::int as n from complaints where ${complaintMapScope(u)} and ${where}`,
  );
  return { total: total?.n ?? 0, byStatus: Object.fromEntries(byStatus.map((r) => [r.key, r.n])) };
}

const asMap = (rows: { key: string; n: number }[]) => Object.fromEntries(rows.map((r) => [r.key, r.n]));

beforeAll(async () => {
  handle = await createTestDb();
  fx = await insertGeographyAndOffices(handle.db);
  await handle.db.execute(sql`insert into categories (code, parent_code, level, name_zh, name_en, color) values
    ('SL', null, 1, '水利', 'Water', '#1677ff'), ('WY', null, 1, '物业', 'Property', '#faad14'),
    ('SL01', 'SL', 2, '饮水安全', 'Drinking water', '#1677ff'), ('SL02', 'SL', 2, '排水', 'Drainage', '#1677ff'),
    ('WY01', 'WY', 2, '电梯', 'Lifts', '#faad14')`);
  await handle.db.execute(sql`insert into urgency_grades (code, name_zh, name_en, rank, color) values
    ('extra_urgent', '特急', 'x', 1, '#f00'), ('urgent', '紧急', 'u', 2, '#f80'), ('normal', '一般', 'n', 3, '#00f')`);
  // 3,000 complaints over two counties, 14 months, categories of both levels (and none), statuses
  // open and closed, deadlines past, near and far, both kinds.
  await handle.db.execute(sql`insert into complaints (tracking_code, kind, channel, title, description, location,
      county_code, town_code, village_code, grid_id, category_code, urgency_code, status, submitted_at, resolve_due_at,
      resolved_at)
    select 'T' || i, case when i % 17 = 0 then 'misconduct' else 'complaint' end::complaint_kind,
      (array['web','wechat','hotline'])[1 + i % 3]::channel, 't', 'd',
      ST_SetSRID(ST_MakePoint(101.6 + (i % 10) / 1000.0, 26.6 + (i % 7) / 1000.0), 4326),
      case when i % 2 = 0 then ${CODES.xiqu} else ${CODES.dongqu} end,
      case when i % 2 = 0 then ${CODES.xiquTown} else ${CODES.dongquTown} end,
      case when i % 2 = 0 then ${CODES.xiquVillage} else ${CODES.dongquVillage} end,
      case when i % 2 = 0 then ${fx.grids.xiqu}::int else ${fx.grids.dongqu}::int end,
      (array['SL01','WY','SL02',null,'WY01'])[1 + i % 5], (array['extra_urgent','urgent','normal'])[1 + i % 3],
      (array['in_progress','closed','received','resolved','accepted','rejected','closed'])[1 + i % 7]::complaint_status,
      ${now.toISOString()}::timestamptz - make_interval(hours => (i * 37) % (24 * 420)),
      case when i % 11 = 0 then null else ${now.toISOString()}::timestamptz + make_interval(hours => (i % 200) - 100) end,
      -- Resolved and closed cases: some before their deadline, some after it (超期办结).
      case when i % 7 in (1, 3, 6) then ${now.toISOString()}::timestamptz + make_interval(hours => (i % 200) - 100 + (i % 5) - 2) end
    from generate_series(1, 3000) i`);
});
afterAll(async () => {
  await handle?.close();
});

describe('area summary', () => {
  it('the area bins equal a fresh aggregation of the complaints for every area, filter and jurisdiction', async () => {
    const users = [
      user('leader', CODES.city, 'city'),
      user('inspector', CODES.xiqu, 'county'),
      user('leader', CODES.xiquTown, 'town'),
      user('leader', CODES.dongquVillage, 'village'),
    ];
    let compared = 0;
    for (const u of users)
      for (const area of AREAS)
        for (const filter of FILTERS) {
          const { bins, raw } = await bothWays(u, area, filter);
          expect(bins).toEqual(raw);
          if (raw.total > 0) compared++;
        }
    expect(compared).toBeGreaterThan(40);
  });

  it('every grouping adds up to the total, for every area and filter', async () => {
    const city = user('leader', CODES.city, 'city');
    for (const area of AREAS)
      for (const filter of FILTERS) {
        const { raw } = await bothWays(city, area, filter);
        for (const rows of [raw.byCategory, raw.byStatus, raw.byDeadline])
          expect(rows.reduce((s, r) => s + r.n, 0)).toBe(raw.total);
      }
  });

  it('totals, statuses, deadlines and the trend equal plain counts', async () => {
    const city = user('leader', CODES.city, 'city');
    const area = AREAS[0]!;
    const { bins } = await bothWays(city, area, EMPTY_FILTER);
    const p = await plain(city, sql`county_code = ${CODES.xiqu}`);
    expect(bins.total).toBe(p.total);
    expect(asMap(bins.byStatus)).toEqual(p.byStatus);
    expect(bins.byCategory.reduce((s, r) => s + r.n, 0)).toBe(p.total);
    expect(bins.byDeadline.reduce((s, r) => s + r.n, 0)).toBe(p.total);
    const done = await plain(
      city,
      sql`county_code = ${CODES.xiqu} and status in ('resolved','closed','merged','rejected')`,
    );
    const late = await plain(
      city,
      sql`county_code = ${CODES.xiqu} and status in ('resolved','closed') and resolved_at > resolve_due_at`,
    );
    expect(late.total).toBeGreaterThan(0);
    expect(asMap(bins.byDeadline).done_late).toBe(late.total);
    expect(asMap(bins.byDeadline).done).toBe(done.total - late.total);
    const overdue = await plain(
      city,
      sql`county_code = ${CODES.xiqu} and status not in ('resolved','closed','merged','rejected')
        and resolve_due_at < ${now.toISOString()}::timestamptz`,
    );
    expect(asMap(bins.byDeadline).overdue).toBe(overdue.total);
    expect(overdue.total).toBeGreaterThan(0);
    const recent = await plain(
      city,
      sql`county_code = ${CODES.xiqu} and submitted_at >= ${`${months[0]}-01T00:00:00+08:00`}::timestamptz`,
    );
    expect(bins.trend.map((t) => t.month)).toEqual(months);
    expect(bins.trend.reduce((s, t) => s + t.n, 0)).toBe(recent.total);
    expect(bins.top.length).toBeLessThanOrEqual(5);
    // Misconduct reports never count, even for the inspector who may read them.
    const inspector = user('inspector', CODES.xiqu, 'county');
    expect((await bothWays(inspector, area, EMPTY_FILTER)).bins.total).toBe(p.total);
  });

  it('the 12-month chart counts the same filtered complaints as the counts, month by month, on both paths', async () => {
    // Independent of both paths: the filter written out in plain SQL.
    const plainWhere = (f: ComplaintFilter) => {
      const parts = [sql`true`];
      // a month compares with the CST month, a day with the CST day
      const cst = (v: string) =>
        sql`to_char(submitted_at at time zone 'Asia/Shanghai', ${v.length === 7 ? 'YYYY-MM' : 'YYYY-MM-DD'})`;
      if (f.from) parts.push(sql`${cst(f.from)} >= ${f.from}`);
      if (f.to) parts.push(sql`${cst(f.to)} <= ${f.to}`);
      if (f.categories.length)
        parts.push(
          sql`category_code in (select c.code from categories c where coalesce(c.parent_code, c.code) in (${sql.join(
            f.categories.map((c) => sql`${c}`),
            sql`, `,
          )}))`,
        );
      if (f.statuses.length)
        parts.push(
          sql`status::text in (${sql.join(
            f.statuses.map((c) => sql`${c}`),
            sql`, `,
          )})`,
        );
      if (f.urgencies.length)
        parts.push(
          sql`urgency_code in (${sql.join(
            f.urgencies.map((c) => sql`${c}`),
            sql`, `,
          )})`,
        );
      return sql.join(parts, sql` and `);
    };
    const city = user('leader', CODES.city, 'city');
    const filters: ComplaintFilter[] = [
      ...FILTERS,
      { ...EMPTY_FILTER, urgencies: ['urgent'] },
      { ...EMPTY_FILTER, from: '2026-01-10', to: '2026-03-20', categories: ['SL'] },
      // nothing matches: the counts say 0 and so must every month of the chart
      { ...EMPTY_FILTER, categories: ['WY'], statuses: ['merged'], from: '2026-03' },
    ];
    let checked = 0;
    for (const area of AREAS)
      for (const filter of filters) {
        const column = { county: 'county_code', town: 'town_code', village: 'village_code' }[
          area.level as 'county'
        ];
        const rows = await queryRows<{ m: string; n: number }>(
          handle.db,
          sql`select to_char(submitted_at at time zone 'Asia/Shanghai', 'YYYY-MM') as m, count(*)::int as n
              from complaints where ${sql.raw(column)} = ${area.code} and kind = 'complaint' and ${plainWhere(filter)}
              group by 1`,
        );
        const want = months.map((m) => ({ month: m, n: rows.find((r) => r.m === m)?.n ?? 0 }));
        const paths = areaBinsCanAnswer(filter)
          ? Object.values(await bothWays(city, area, filter))
          : [
              await summariseComplaints(handle.db, {
                where: complaintInArea(area),
                scope: complaintMapScope(city),
                filter,
                now,
                months,
              }),
            ];
        for (const s of paths) {
          expect(s.trend).toEqual(want);
          // counts and chart describe the same complaints: the chart never shows more than the counts
          expect(s.trend.reduce((sum, t) => sum + t.n, 0)).toBeLessThanOrEqual(s.total);
          if (s.total === 0) expect(s.trend.every((t) => t.n === 0)).toBe(true);
        }
        if (want.some((t) => t.n > 0)) checked++;
      }
    expect(checked).toBeGreaterThan(20);
    // through the verb too (the route's path), for a village with a filter that leaves it empty
    const at = { lng: 101.605, lat: 26.605 };
    const none = { ...EMPTY_FILTER, categories: ['WY'], statuses: ['merged'], from: '2026-03' };
    const v = await getAreaSummary(handle.db, { user: city, ...at, level: 'village', filter: none, now });
    expect(v.total).toBe(0);
    expect(v.trend.every((t) => t.n === 0)).toBe(true);
    const some = await getAreaSummary(handle.db, {
      user: city,
      ...at,
      level: 'village',
      filter: FILTERS[2]!,
      now,
    });
    expect(some.trend.reduce((sum, t) => sum + t.n, 0)).toBeGreaterThan(0);
    expect(some.trend.reduce((sum, t) => sum + t.n, 0)).toBeLessThan(
      (
        await getAreaSummary(handle.db, { user: city, ...at, level: 'village', filter: EMPTY_FILTER, now })
      ).trend.reduce((sum, t) => sum + t.n, 0),
    );
  });

  it('the verb: bins for divisions, the complaints for grids and filters the bins cannot answer', async () => {
    const city = user('leader', CODES.city, 'city');
    const at = { lng: 101.605, lat: 26.605 };
    for (const level of ['county', 'town', 'village', 'grid'] as const) {
      const s = await getAreaSummary(handle.db, { user: city, ...at, level, filter: EMPTY_FILTER, now });
      const p = await plain(city, sql`village_code = ${CODES.xiquVillage}`);
      expect(s.total).toBe(p.total);
      expect(asMap(s.byStatus)).toEqual(p.byStatus);
    }
    const urgent = { ...EMPTY_FILTER, urgencies: ['urgent'], deadlines: ['overdue' as const] };
    const s = await getAreaSummary(handle.db, { user: city, ...at, level: 'county', filter: urgent, now });
    const p = await plain(
      city,
      sql`county_code = ${CODES.xiqu} and urgency_code = 'urgent' and status not in ('resolved','closed','merged','rejected')
        and resolve_due_at < ${now.toISOString()}::timestamptz`,
    );
    expect(s.total).toBe(p.total);
    expect(p.total).toBeGreaterThan(0);
  });

  it('stay exact as complaints arrive, change status, category, month or area, and go', async () => {
    await handle.db.execute(sql`update complaints set status = 'resolved' where id % 5 = 0`);
    await handle.db.execute(
      sql`update complaints set status = 'in_progress' where id % 9 = 0 and status = 'closed'`,
    );
    await handle.db.execute(sql`update complaints set category_code = 'SL01' where id % 13 = 0`);
    await handle.db.execute(sql`update complaints set submitted_at = submitted_at - interval '40 days',
      county_code = ${CODES.dongqu}, town_code = ${CODES.dongquTown}, village_code = ${CODES.dongquVillage}
      where id % 7 = 0`);
    await handle.db.execute(sql`update complaints set kind = 'misconduct' where id % 23 = 0`);
    await handle.db.execute(sql`update complaints set title = 'retitled' where id % 3 = 0`);
    await handle.db.execute(sql`delete from complaints where id % 29 = 0`);
    await handle.db.execute(sql`insert into complaints (tracking_code, channel, title, description, location,
        county_code, town_code, village_code, category_code, submitted_at)
      select 'N' || i, 'web', 't', 'd', ST_SetSRID(ST_MakePoint(101.605, 26.605), 4326),
        ${CODES.xiqu}, ${CODES.xiquTown}, ${CODES.xiquVillage}, 'WY01', ${now.toISOString()}
      from generate_series(1, 50) i`);
    const city = user('leader', CODES.city, 'city');
    for (const area of AREAS)
      for (const filter of FILTERS) {
        const { bins, raw } = await bothWays(city, area, filter);
        expect(bins).toEqual(raw);
      }
    const p = await plain(city, sql`county_code = ${CODES.dongqu}`);
    expect((await bothWays(city, AREAS[1]!, EMPTY_FILTER)).bins.total).toBe(p.total);
    // A truncate empties them.
    await handle.db.execute(sql`truncate complaints cascade`);
    const left = await queryRow<{ n: number }>(
      handle.db,
      sql`select coalesce(sum(n), 0)::int as n from complaint_area_bins`,
    );
    expect(left?.n).toBe(0);
  });
});
