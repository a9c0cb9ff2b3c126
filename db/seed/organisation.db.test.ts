import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../client';
import { queryRow, queryRows } from '../sql';
import { createTestDb } from '../testing/test-db';
import { loadRouter } from './complaints/routing';
import { insertGeographyFixture } from './complaints/test-fixture';
import { createRng, type SeedContext } from './context';
import { CATEGORIES, policyScore } from './corpus/categories';
import { defaultSeedOptions } from './index';
import { seedOffices } from './organisation';
import { seedTaxonomy } from './taxonomy';

let handle: DbHandle;
const ctx: SeedContext = { ...defaultSeedOptions({ log: () => {} }), rng: createRng(1) };

beforeAll(async () => {
  handle = await createTestDb();
  await seedTaxonomy(handle.db, ctx);
  await insertGeographyFixture(handle.db);
  await seedOffices(handle.db, { ...ctx, rng: createRng('offices') });
});
afterAll(async () => {
  await handle?.close();
});

describe('seedTaxonomy', () => {
  it('loads two levels of categories with 3–8 children each, urgency grades and policies', async () => {
    const rows = await queryRows<{ code: string; n: number }>(
      handle.db,
      sql`select p.code, count(c.code)::int as n from categories p left join categories c on c.parent_code = p.code
          where p.level = 1 group by p.code`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(14);
    for (const r of rows) expect(r.n).toBeGreaterThanOrEqual(3);
    for (const r of rows) expect(r.n).toBeLessThanOrEqual(8);
    const grades = await queryRows<{ code: string; rank: number }>(
      handle.db,
      sql`select code, rank from urgency_grades order by rank`,
    );
    expect(grades.map((g) => g.code)).toEqual(['extra_urgent', 'urgent', 'normal']);
    const base = await queryRow<{ d: number; f: number }>(
      handle.db,
      sql`select dispatch_hours as d, first_reply_days as f from deadline_policies
          where category_code is null and tier is null and urgency_code is null`,
    );
    expect(base).toEqual({ d: 24, f: 5 });
  });

  it('has the official 2025 and 2026 holidays and 调休 workdays', async () => {
    const rows = await queryRows<{ day: string; w: boolean }>(
      handle.db,
      sql`select day::text as day, is_workday as w from calendar_days
          where day in ('2025-01-28', '2025-02-08', '2025-10-08', '2026-02-15', '2026-02-28', '2026-10-10', '2026-09-25')
          order by day`,
    );
    expect(rows).toEqual([
      { day: '2025-01-28', w: false },
      { day: '2025-02-08', w: true },
      { day: '2025-10-08', w: false },
      { day: '2026-02-15', w: false },
      { day: '2026-02-28', w: true },
      { day: '2026-09-25', w: false },
      { day: '2026-10-10', w: true },
    ]);
  });

  it('matches the most specific deadline policy', () => {
    const rows = [
      { categoryCode: null, tier: null, urgencyCode: null },
      { categoryCode: null, tier: 'town' as const, urgencyCode: null },
      { categoryCode: null, tier: null, urgencyCode: 'urgent' as const },
      { categoryCode: 'SL', tier: null, urgencyCode: 'urgent' as const },
    ];
    const best = (cat: string, tier: 'town' | 'county', urg: string) =>
      rows
        .map((r, i) => ({ i, s: policyScore(r, cat, tier, urg) }))
        .filter((x) => x.s >= 0)
        .sort((a, b) => b.s - a.s)[0]?.i;
    expect(best('SL01', 'town', 'urgent')).toBe(3);
    expect(best('ZJ01', 'town', 'urgent')).toBe(2);
    expect(best('ZJ01', 'town', 'normal')).toBe(1);
    expect(best('ZJ01', 'county', 'normal')).toBe(0);
  });
});

describe('seedOffices', () => {
  it('creates government, departments and 纪委 per county, government and 纪委 per town, a committee per village', async () => {
    const rows = await queryRows<{ level: string; kind: string; n: number; divisions: number }>(
      handle.db,
      sql`select d.level::text as level, o.kind::text as kind, count(*)::int as n, count(distinct d.code)::int as divisions
          from offices o join divisions d on d.code = o.division_code group by 1, 2 order by 1, 2`,
    );
    const m = Object.fromEntries(rows.map((r) => [`${r.level}:${r.kind}`, r]));
    expect(m['county:government']?.n).toBe(3);
    expect(m['county:discipline']?.n).toBe(3);
    expect(m['county:department']?.n).toBeGreaterThanOrEqual(3 * 12);
    expect(m['town:government']?.n).toBe(10);
    expect(m['town:discipline']?.n).toBe(10);
    expect(m['village:committee']?.n).toBe(14);
    const orphans = await queryRow<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from offices where kind <> 'discipline' and tier <> 'county' and parent_id is null`,
    );
    expect(orphans?.n).toBe(0);
  });

  it('resolves an office for every category at every tier in every village (JJ: 纪委 only)', async () => {
    const router = await loadRouter(handle.db);
    const villages = await queryRows<{ code: string }>(
      handle.db,
      sql`select code from divisions where level = 'village'`,
    );
    for (const v of villages) {
      for (const top of CATEGORIES) {
        for (const sub of [top.code, ...top.children.map((c) => c.code)]) {
          for (const tier of ['county', 'town', 'village'] as const) {
            const route = router.resolve(sub, tier, v.code);
            expect(route, `${sub} ${tier} ${v.code}`).not.toBeNull();
            if (top.code === 'JJ') expect(route!.office.kind).toBe('discipline');
            else {
              expect(route!.office.kind).not.toBe('discipline');
              expect(route!.office.tier).toBe(tier);
              expect(router.lineage(v.code)).toContain(route!.office.divisionCode);
            }
          }
        }
      }
    }
  });

  it('routes a village water shortage to the town government with the county 水利局 and 财政局', async () => {
    const router = await loadRouter(handle.db);
    const route = router.resolve('SL01', 'town', '510422211209');
    expect(route?.office.code).toBe('510422211000-GOV');
    expect(route?.coOffices.map((o) => o.code).sort()).toEqual(['510422000000-CZJ', '510422000000-SLJ']);
    expect(route?.reason).toMatch(/财政局/);
    const health = router.resolve('WJ01', 'county', '510403001001');
    expect(health?.office.code).toBe('510403000000-WJJ');
  });

  it('routes the level-2 categories added for the board topics to their own county offices', async () => {
    const router = await loadRouter(handle.db);
    const office = (code: string) => router.resolve(code, 'county', '510403001001');
    expect(office('ZJ08')?.office.code).toBe('510403000000-GJJ');
    expect(office('ZJ08')?.office.name).toMatch(/住房公积金管理中心$/);
    expect(office('ZJ07')?.office.code).toBe('510403000000-ZJJ');
    expect(office('MZ06')?.office.code).toBe('510403000000-RSJ');
    expect(office('JT06')?.office.code).toBe('510403000000-JTJ');
    expect(office('SC06')?.office.code).toBe('510403000000-SCJ');
    expect(office('SC07')?.office.code).toBe('510403000000-SCJ');
    expect(office('HB05')?.office.code).toBe('510403000000-STJ');
    expect(office('JY06')?.office.code).toBe('510403000000-JYJ');
    expect(office('JY06')?.coOffices.map((o) => o.code)).toEqual(['510403000000-CZJ']);
    const policy = await queryRow<{ f: number; r: number }>(
      handle.db,
      sql`select first_reply_days as f, resolve_days as r from deadline_policies where category_code = 'ZJ08'`,
    );
    expect(policy).toEqual({ f: 3, r: 10 });
  });
});
