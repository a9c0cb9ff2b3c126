import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../client';
import { queryRow, queryRows } from '../sql';
import { createTestDb } from '../testing/test-db';
import { insertGeographyFixture } from './complaints/test-fixture';
import { createRng, type SeedContext } from './context';
import { seedFacilities, WEST_DISTRICT } from './facilities';
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
  await seedFacilities(handle.db, { ...ctx, rng: createRng('facilities') });
});
afterAll(async () => {
  await handle?.close();
});

describe('seedFacilities', () => {
  it('puts exactly 6 community health centres in 西区, one per town, supervised by 西区卫健局', async () => {
    const rows = await queryRows<{ name: string; office: string; town: string }>(
      handle.db,
      sql`select f.name, o.code as office, v.parent_code as town from facilities f
          join offices o on o.id = f.supervising_office_id join divisions v on v.code = f.division_code
          join divisions t on t.code = v.parent_code
          where f.kind = 'community_health_centre' and t.parent_code = ${WEST_DISTRICT}`,
    );
    expect(rows).toHaveLength(6);
    expect(new Set(rows.map((r) => r.town)).size).toBe(6);
    for (const r of rows) {
      expect(r.office).toBe(`${WEST_DISTRICT}-WJJ`);
      expect(r.name).toMatch(/社区卫生服务中心$/);
    }
  });

  it('locates every facility inside its village area and links buildings that hold it', async () => {
    const outside = await queryRow<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from facilities f join divisions d on d.code = f.division_code
          where d.level <> 'village' or not ST_Intersects(d.boundary, f.location)`,
    );
    expect(outside?.n).toBe(0);
    const badBuilding = await queryRow<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from facilities f join buildings b on b.id = f.building_id
          where not ST_Equals(b.centre, f.location)`,
    );
    expect(badBuilding?.n).toBe(0);
  });

  it('gives compounds a property company and a boundary enclosing their buildings', async () => {
    const compounds = await queryRows<{
      id: number;
      operator: string | null;
      inside: number;
      office_kind: string;
    }>(
      handle.db,
      sql`select f.id, f.operator, o.kind::text as office_kind,
            (select count(*)::int from buildings b where ST_Within(b.footprint, f.boundary)) as inside
          from facilities f join offices o on o.id = f.supervising_office_id
          where f.kind = 'residential_compound'`,
    );
    expect(compounds.length).toBeGreaterThanOrEqual(8);
    for (const c of compounds) {
      expect(c.operator).toMatch(/物业/);
      expect(c.inside).toBeGreaterThanOrEqual(3);
      expect(['government', 'department']).toContain(c.office_kind);
    }
  });

  it('has schools, markets, water works and elderly care, each supervised by the right bureau', async () => {
    const rows = await queryRows<{ kind: string; suffix: string; n: number }>(
      handle.db,
      sql`select f.kind::text as kind, split_part(o.code, '-', 2) as suffix, count(*)::int as n
          from facilities f join offices o on o.id = f.supervising_office_id
          where f.kind <> 'residential_compound' group by 1, 2 order by 1, 2`,
    );
    const map = Object.fromEntries(rows.map((r) => [`${r.kind}:${r.suffix}`, r.n]));
    expect(map['school:JYJ']).toBeGreaterThan(0);
    expect(map['market:SCJ']).toBeGreaterThan(0);
    expect(map['water_works:SLJ']).toBe(3);
    expect(map['elderly_care:MZJ']).toBeGreaterThan(0);
    expect(map['hospital:WJJ']).toBeGreaterThan(0);
    expect(rows.every((r) => ['JYJ', 'SCJ', 'SLJ', 'MZJ', 'WJJ', 'JTJ'].includes(r.suffix))).toBe(true);
  });
});
