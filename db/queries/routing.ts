/** The routing table and what it needs (offices, office categories, the division tree), loaded in one go. */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { queryRows } from '../sql';

/** An office tier (county, town, village). */
export type RoutingTier = 'county' | 'town' | 'village';

/** A stored 权责匹配 rule, as the router reads it. */
export interface RoutingRuleRow {
  id: number;
  category_code: string;
  tier: RoutingTier;
  division_code: string | null;
  office_id: number | null;
  co_office_ids: number[];
  priority: number;
  note: string | null;
}

/** Everything the router is built from (lib/routing/load-router.server.ts), read in one go. */
export interface RoutingTable {
  rules: RoutingRuleRow[];
  /** Active offices only. */
  offices: {
    id: number;
    code: string;
    name: string;
    kind: string;
    tier: RoutingTier;
    division_code: string;
  }[];
  /** Which office handles which level-1 category, by office id. */
  officeCategories: { office_id: number; category_code: string }[];
  divisions: { code: string; parent_code: string | null; level: string }[];
}

export async function loadRoutingTable(db: DbOrTx): Promise<RoutingTable> {
  const rules = await queryRows<RoutingRuleRow & Record<string, unknown>>(
    db,
    sql`select id, category_code, tier::text as tier, division_code, office_id, co_office_ids, priority, note
        from routing_rules`,
  );
  const offices = await queryRows<RoutingTable['offices'][number] & Record<string, unknown>>(
    db,
    // Offices an admin switched off (settings 'offices.inactive') get no new cases: rules naming them
    // find no office and the case goes to manual dispatch.
    sql`select id, code, name, kind::text as kind, tier::text as tier, division_code from offices
        where id not in (select (jsonb_array_elements_text(value))::int from settings where key = 'offices.inactive')`,
  );
  const officeCategories = await queryRows<{ office_id: number; category_code: string }>(
    db,
    sql`select office_id, category_code from office_categories order by office_id`,
  );
  const divisions = await queryRows<{ code: string; parent_code: string | null; level: string }>(
    db,
    sql`select code, parent_code, level::text as level from divisions`,
  );
  return { rules, offices, officeCategories, divisions };
}

/** A village (村/社区) containing a point (`contains`, at 0 m) or within the routing boundary distance of it. */
export interface VillageNear {
  code: string;
  name: string;
  townName: string | null;
  contains: boolean;
  /** Metres from the point to the village's boundary; 0 inside. */
  distanceM: number;
}
type VillageNearRow = VillageNear & Record<string, unknown>;

/**
 * Villages (村/社区) containing a complaint's point or within `meters` of it, with the distance in
 * metres (0 inside). A cheap degree-box prefilter uses the GiST index, the exact test is geographic.
 */
export async function listVillagesNearComplaint(db: DbOrTx, params: { complaintId: number; meters: number }) {
  const deg = params.meters / 90_000 + 1e-6;
  return queryRows<VillageNearRow>(
    db,
    sql`select d.code, d.name, t.name as "townName", ST_Covers(d.boundary, c.location) as contains,
          ST_Distance(d.boundary::geography, c.location::geography)::float8 as "distanceM"
        from complaints c
        join divisions d on d.level = 'village' and ST_DWithin(d.boundary, c.location, ${deg})
        left join divisions t on t.code = d.parent_code
        where c.id = ${params.complaintId}
          and ST_DWithin(d.boundary::geography, c.location::geography, ${params.meters})
        order by "distanceM", d.code`,
  );
}

/** The same villages for a bare point (the admin's "test this point" tool). */
export async function listVillagesNearPoint(
  db: DbOrTx,
  params: { lng: number; lat: number; meters: number },
) {
  const deg = params.meters / 90_000 + 1e-6;
  return queryRows<VillageNearRow>(
    db,
    sql`with p as (select ST_SetSRID(ST_MakePoint(${params.lng}::float8, ${params.lat}::float8), 4326) as location)
        select d.code, d.name, t.name as "townName", ST_Covers(d.boundary, p.location) as contains,
          ST_Distance(d.boundary::geography, p.location::geography)::float8 as "distanceM"
        from p
        join divisions d on d.level = 'village' and ST_DWithin(d.boundary, p.location, ${deg})
        left join divisions t on t.code = d.parent_code
        where ST_DWithin(d.boundary::geography, p.location::geography, ${params.meters})
        order by "distanceM", d.code`,
  );
}

/** Stored rules of a division for a level-1 category and its level-2 codes (any tier): what an amendment would replace. */
export function listRulesAt(db: DbOrTx, params: { categoryCode: string; divisionCode: string }) {
  return queryRows<{
    id: number;
    category_code: string;
    tier: RoutingTier;
    office_id: number | null;
    co_office_ids: number[];
  }>(
    db,
    sql`select id, category_code, tier::text as tier, office_id, co_office_ids from routing_rules
        where left(category_code, 2) = ${params.categoryCode} and division_code = ${params.divisionCode} order by id`,
  );
}

/** Names of categories (level 1 or 2). */
export function listCategoryNames(db: DbOrTx, codes: string[]) {
  return queryRows<{ code: string; name_zh: string; name_en: string }>(
    db,
    sql`select code, name_zh, name_en from categories where code = any(${sql.param(codes)}::text[])`,
  );
}

/** Whether a town lies inside a division (the town itself, its county or the city). */
export async function townWithin(db: DbOrTx, params: { townCode: string; divisionCode: string }) {
  const rows = await queryRows<{ ok: boolean }>(
    db,
    sql`select true as ok from divisions t
        left join divisions c on c.code = t.parent_code
        left join divisions ci on ci.code = c.parent_code
        where t.code = ${params.townCode} and t.level = 'town' and ${params.divisionCode} in (t.code, c.code, ci.code)`,
  );
  return rows.length > 0;
}

/** A level-1 category's and a division's names (null when unknown). */
export async function getCategoryAndDivisionNames(
  db: DbOrTx,
  params: { categoryCode: string; divisionCode: string },
) {
  const rows = await queryRows<{ category: string | null; division: string | null }>(
    db,
    sql`select (select name_zh from categories where code = ${params.categoryCode} and level = 1) as category,
               (select name from divisions where code = ${params.divisionCode}) as division`,
  );
  return rows[0] ?? { category: null, division: null };
}
