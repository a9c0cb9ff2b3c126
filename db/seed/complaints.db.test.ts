import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../client';
import { countedFacilityLinkSql } from '../queries/complaint-links';
import { queryRow, queryRows } from '../sql';
import { createTestDb } from '../testing/test-db';
import { seedComplaints, WATER_VILLAGE } from './complaints';
import { insertGeographyFixture } from './complaints/test-fixture';
import { TRACKING_CODE_RE } from './complaints/tracking-code';
import { createRng, type SeedContext } from './context';
import { seedFacilities, WEST_DISTRICT } from './facilities';
import { defaultSeedOptions } from './index';
import { seedOffices } from './organisation';
import { seedTaxonomy } from './taxonomy';

const N = 2000;
let handle: DbHandle;
const ctx: SeedContext = {
  ...defaultSeedOptions({
    log: (l) => {
      if (process.env.SEED_LOG) console.log(l);
    },
    complaints: N,
    now: new Date('2026-11-26T02:00:00Z'),
    months: 12,
  }),
  rng: createRng(7),
};

beforeAll(async () => {
  handle = await createTestDb();
  await seedTaxonomy(handle.db, ctx);
  await insertGeographyFixture(handle.db);
  await seedOffices(handle.db, { ...ctx, rng: createRng('offices') });
  await seedFacilities(handle.db, { ...ctx, rng: createRng('facilities') });
  await seedComplaints(handle.db, { ...ctx, rng: createRng('complaints') });
}, 300_000);
afterAll(async () => {
  await handle?.close();
});

const one = async (q: ReturnType<typeof sql>) => (await queryRow<{ n: number }>(handle.db, q))?.n;

describe('seedComplaints', () => {
  it('writes the requested number of complaints, each with events', async () => {
    expect(await one(sql`select count(*)::int as n from complaints`)).toBe(N);
    expect(
      await one(sql`select count(*)::int as n from complaints c
        where not exists (select 1 from complaint_events e where e.complaint_id = c.id)`),
    ).toBe(0);
  });

  it('gives every complaint a unique, readable tracking code', async () => {
    const rows = await queryRows<{ tracking_code: string }>(
      handle.db,
      sql`select tracking_code from complaints`,
    );
    expect(new Set(rows.map((r) => r.tracking_code)).size).toBe(N);
    for (const r of rows) expect(r.tracking_code).toMatch(TRACKING_CODE_RE);
  });

  it('places every complaint inside its village, with consistent area links', async () => {
    expect(
      await one(sql`select count(*)::int as n from complaints c join divisions v on v.code = c.village_code
        where not ST_Intersects(v.boundary, c.location) or v.parent_code <> c.town_code`),
    ).toBe(0);
    expect(
      await one(sql`select count(*)::int as n from complaints c join divisions t on t.code = c.town_code
        where t.parent_code <> c.county_code`),
    ).toBe(0);
    expect(
      await one(sql`select count(*)::int as n from complaints c join households h on h.id = c.household_id
        where h.building_id <> c.building_id`),
    ).toBe(0);
  });

  it('keeps deadlines ordered and statuses consistent with timestamps', async () => {
    expect(
      await one(sql`select count(*)::int as n from complaints where triaged_at is not null and not (
        submitted_at < dispatch_due_at and dispatch_due_at <= first_reply_due_at and first_reply_due_at <= resolve_due_at)`),
    ).toBe(0);
    expect(
      await one(sql`select count(*)::int as n from complaints where
           (status in ('resolved', 'closed') and resolved_at is null and merged_into_id is null)
        or (status = 'closed' and closed_at is null)
        or (status not in ('resolved', 'closed') and resolved_at is not null)
        or (status in ('accepted', 'in_progress', 'resolved') and accepted_at is null)
        or (status = 'merged' and merged_into_id is null)
        or (resolved_at is not null and resolved_at < first_replied_at)
        or (first_replied_at is not null and first_replied_at < accepted_at)
        or (accepted_at is not null and accepted_at < dispatched_at)
        or (dispatched_at is not null and dispatched_at < submitted_at)
        or submitted_at > ${ctx.now.toISOString()}::timestamptz
        or submitted_at < ${ctx.now.toISOString()}::timestamptz - interval '12 months 1 day'`),
    ).toBe(0);
    const statuses = await queryRows<{ status: string; n: number }>(
      handle.db,
      sql`select status::text as status, count(*)::int as n from complaints group by 1`,
    );
    const s = Object.fromEntries(statuses.map((r) => [r.status, r.n]));
    for (const st of ['closed', 'in_progress', 'merged', 'rejected'])
      expect(s[st] ?? 0, st).toBeGreaterThan(0);
    expect(await one(sql`select count(*)::int as n from complaints where return_count > 0`)).toBeGreaterThan(
      0,
    );
    expect(await one(sql`select count(*)::int as n from complaints where reopen_count > 0`)).toBeGreaterThan(
      0,
    );
    expect(
      await one(sql`select count(*)::int as n from complaints where status not in ('resolved','closed','merged','rejected')
        and resolve_due_at < ${ctx.now.toISOString()}::timestamptz`),
    ).toBeGreaterThan(0);
  });

  it('orders events in time and chains their statuses, ending at the complaint status', async () => {
    expect(
      await one(sql`select count(*)::int as n from (
        select e.complaint_id, e.to_status, e.from_status, e.created_at,
               lag(e.to_status) over w as prev_to, lag(e.created_at) over w as prev_at,
               row_number() over (partition by e.complaint_id order by e.created_at desc, e.id desc) as rn_desc
        from complaint_events e window w as (partition by e.complaint_id order by e.created_at, e.id)) x
        where (prev_to is not null and from_status is distinct from prev_to) or created_at < prev_at`),
    ).toBe(0);
    expect(
      await one(sql`select count(*)::int as n from complaints c join lateral (
          select to_status from complaint_events e where e.complaint_id = c.id order by created_at desc, id desc limit 1
        ) last on true where last.to_status <> c.status`),
    ).toBe(0);
    expect(
      await one(
        sql`select count(*)::int as n from complaint_events where created_at > ${ctx.now.toISOString()}::timestamptz`,
      ),
    ).toBe(0);
  });

  it('routes complaints to an office of the right area and satisfaction is about 96%', async () => {
    expect(
      await one(sql`select count(*)::int as n from complaints c join offices o on o.id = c.responsible_office_id
        where o.division_code not in (c.county_code, c.town_code, c.village_code)`),
    ).toBe(0);
    const sat = await queryRow<{ rate: number; n: number }>(
      handle.db,
      sql`select avg((level <> 'unsatisfied')::int)::float8 as rate, count(*)::int as n from ratings where round = 1`,
    );
    expect(sat!.n).toBeGreaterThan(N * 0.3);
    expect(sat!.rate).toBeGreaterThan(0.93);
    expect(sat!.rate).toBeLessThan(0.99);
  });

  it('routes misconduct reports to a 纪委 office only, and issues letters from the area 纪委', async () => {
    expect(
      await one(sql`select count(*)::int as n from complaints where kind = 'misconduct'`),
    ).toBeGreaterThan(0);
    expect(
      await one(sql`select count(*)::int as n from complaints c join offices o on o.id = c.responsible_office_id
        where (c.kind = 'misconduct') <> (o.kind = 'discipline')`),
    ).toBe(0);
    expect(await one(sql`select count(*)::int as n from supervision_letters`)).toBeGreaterThan(0);
    expect(
      await one(sql`select count(*)::int as n from supervision_letters l join offices i on i.id = l.issuing_office_id
        join complaints c on c.id = l.complaint_id
        where i.kind <> 'discipline' or i.division_code not in (c.county_code, c.town_code)
           or l.issued_at < c.resolve_due_at`),
    ).toBe(0);
    expect(await one(sql`select count(*)::int as n from spot_checks`)).toBeGreaterThan(0);
    expect(await one(sql`select count(*)::int as n from clues`)).toBeGreaterThanOrEqual(3);
  });

  it('plants 物业 disputes in a few compounds at several times the median rate', async () => {
    const rows = await queryRows<{ id: number; rate: number }>(
      handle.db,
      sql`select f.id, (select count(*) from complaints c where c.facility_id = f.id and c.category_code like 'WY%')::float8
                / greatest(1, (select count(*) from households h join buildings b on b.id = h.building_id
                               where ST_Within(b.centre, f.boundary)))::float8 as rate
          from facilities f where f.kind = 'residential_compound' order by rate desc`,
    );
    const rates = rows.map((r) => r.rate);
    const median = [...rates].sort((a, b) => a - b)[Math.floor(rates.length / 2)]!;
    expect(rates.filter((r) => r >= 3 * Math.max(median, 0.01)).length).toBeGreaterThanOrEqual(3);
    expect(rates.filter((r) => r >= 3 * Math.max(median, 0.01)).length).toBeLessThanOrEqual(5);
  });

  it('plants a burst of urgent drinking-water complaints in one 盐边县 village, routed to the town with co-handlers', async () => {
    const burst = await queryRows<{ village_code: string; n: number; office: string; co: string[] }>(
      handle.db,
      sql`select c.village_code, count(*)::int as n, min(o.code) as office,
                 array_agg(distinct co.code) as co
          from complaints c join offices o on o.id = c.responsible_office_id
          cross join lateral unnest(c.co_office_ids) as x(id) join offices co on co.id = x.id
          where c.category_code = 'SL01' and c.urgency_code = 'urgent' and c.village_code = ${WATER_VILLAGE}
          group by 1`,
    );
    expect(burst[0]?.n).toBeGreaterThanOrEqual(20);
    expect(burst[0]?.office).toBe('510422211000-GOV');
    expect(burst[0]?.co.sort()).toEqual(['510422000000-CZJ', '510422000000-SLJ']);
    const perVillage = await queryRows<{ village_code: string; n: number }>(
      handle.db,
      sql`with w as (select min(submitted_at) as a, max(submitted_at) as b from complaints
                     where category_code = 'SL01' and urgency_code = 'urgent' and village_code = ${WATER_VILLAGE})
          select village_code, count(*)::int as n from complaints, w
          where category_code like 'SL%' and submitted_at between w.a and w.b group by 1 order by n desc`,
    );
    expect(perVillage[0]?.village_code).toBe(WATER_VILLAGE);
    expect(perVillage[0]!.n).toBeGreaterThan(5 * (perVillage[1]?.n ?? 1));
    // concentrated in a few weeks
    const span =
      await one(sql`select extract(day from max(submitted_at) - min(submitted_at))::int as n from complaints
      where category_code = 'SL01' and village_code = ${WATER_VILLAGE} and urgency_code = 'urgent'`);
    expect(span).toBeLessThanOrEqual(25);
  });

  // Counted as facility findings count them: links the linker found with confidence (nothing is planted).
  it('plants drug-price, conditions and equipment complaints at all 6 西区 health centres, supervised by 西区卫健局', async () => {
    const rows = await queryRows<{ name: string; n: number; office: string }>(
      handle.db,
      sql`select f.name, count(c.id)::int as n, min(o.code) as office
          from facilities f join offices o on o.id = f.supervising_office_id
          join divisions v on v.code = f.division_code join divisions t on t.code = v.parent_code
          left join complaints c on c.facility_id = f.id and c.category_code in ('WJ01', 'WJ02', 'WJ03')
            and ${countedFacilityLinkSql('c')}
          where f.kind = 'community_health_centre' and t.parent_code = ${WEST_DISTRICT}
          group by f.id, f.name`,
    );
    expect(rows).toHaveLength(6);
    for (const r of rows) {
      expect(r.n, r.name).toBeGreaterThanOrEqual(10);
      expect(r.office).toBe(`${WEST_DISTRICT}-WJJ`);
    }
    const others = await queryRow<{ avg: number }>(
      handle.db,
      sql`select avg(n)::float8 as avg from (select f.id, count(c.id) as n from facilities f
          left join complaints c on c.facility_id = f.id and c.category_code in ('WJ01', 'WJ02', 'WJ03')
            and ${countedFacilityLinkSql('c')}
          where f.kind in ('community_health_centre', 'hospital') and f.division_code not like '510403%' group by f.id) x`,
    );
    expect(Math.min(...rows.map((r) => r.n))).toBeGreaterThan(3 * (others?.avg ?? 0));
  });

  it('is deterministic for a seed', async () => {
    const other = await createTestDb();
    try {
      await seedTaxonomy(other.db, ctx);
      await insertGeographyFixture(other.db);
      await seedOffices(other.db, { ...ctx, rng: createRng('offices') });
      await seedFacilities(other.db, { ...ctx, rng: createRng('facilities') });
      await seedComplaints(other.db, { ...ctx, complaints: 300, rng: createRng('complaints') });
      const a = await queryRows(
        other.db,
        sql`select tracking_code, title, status::text from complaints order by id limit 50`,
      );
      const again = await createTestDb();
      try {
        await seedTaxonomy(again.db, ctx);
        await insertGeographyFixture(again.db);
        await seedOffices(again.db, { ...ctx, rng: createRng('offices') });
        await seedFacilities(again.db, { ...ctx, rng: createRng('facilities') });
        await seedComplaints(again.db, { ...ctx, complaints: 300, rng: createRng('complaints') });
        const b = await queryRows(
          again.db,
          sql`select tracking_code, title, status::text from complaints order by id limit 50`,
        );
        expect(b).toEqual(a);
      } finally {
        await again.close();
      }
    } finally {
      await other.close();
    }
  }, 300_000);
});
