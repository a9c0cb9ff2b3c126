/** Everything the complaint generator needs from the earlier steps, loaded once into memory. */
import { sql } from 'drizzle-orm';
import type { Db } from '../../client';
import { queryRows } from '../../sql';
import { loadRouter, type Router } from './routing';

export interface Building {
  id: number;
  gridId: number;
  village: string;
  lng: number;
  lat: number;
  use: string;
  address: string;
  households: number[];
  compoundId: number | null;
}

export interface Household {
  id: number;
  buildingId: number;
  /** Unit and room, e.g. "2单元301". */
  unit: string;
  name: string | null;
  phone: string | null;
}

export interface Facility {
  id: number;
  code: string;
  kind: string;
  name: string;
  village: string;
  town: string;
  county: string;
  lng: number;
  lat: number;
  buildingId: number | null;
  operator: string | null;
  supervisingOfficeId: number;
  /** Residential compounds: the buildings inside the boundary. */
  buildingIds: number[];
}

export interface Village {
  code: string;
  name: string;
  town: string;
  county: string;
  rural: boolean;
  buildings: Building[];
  /** Households of the village, for residents' complaints. */
  households: number[];
  /** Random points in the village's grids: [lng, lat, gridId]. */
  publicPoints: [number, number, number][];
}

export interface World {
  villages: Map<string, Village>;
  villageList: Village[];
  divisionNames: Map<string, string>;
  buildings: Map<number, Building>;
  households: Map<number, Household>;
  householdIds: number[];
  facilities: Facility[];
  facilitiesByTownKind: Map<string, Facility[]>;
  gridWorkerByGrid: Map<number, number>;
  handlerByOffice: Map<number, number>;
  inspectorByDivision: Map<string, number>;
  router: Router;
  policies: {
    categoryCode: string | null;
    tier: 'county' | 'town' | 'village' | null;
    urgencyCode: string | null;
    dispatchHours: number;
    firstReplyDays: number;
    resolveDays: number;
    workingDays: boolean;
  }[];
  holidays: Set<string>;
  workdays: Set<string>;
}

export async function loadWorld(db: Db, seed: number): Promise<World> {
  const divs = await queryRows<{ code: string; parent_code: string | null; name: string; level: string }>(
    db,
    sql`select code, parent_code, name, level::text as level from divisions order by code`,
  );
  const divisionNames = new Map(divs.map((d) => [d.code, d.name]));
  const parent = new Map(divs.map((d) => [d.code, d.parent_code]));
  const villages = new Map<string, Village>();
  for (const d of divs) {
    if (d.level !== 'village') continue;
    const town = d.parent_code ?? '';
    villages.set(d.code, {
      code: d.code,
      name: d.name,
      town,
      county: parent.get(town) ?? '',
      rural: !/社区/.test(d.name),
      buildings: [],
      households: [],
      publicPoints: [],
    });
  }
  const bRows = await queryRows<{
    id: number;
    grid_id: number;
    village_code: string;
    lng: number;
    lat: number;
    use: string;
    address: string;
  }>(
    db,
    sql`select b.id, b.grid_id, g.village_code, ST_X(b.centre) as lng, ST_Y(b.centre) as lat,
               b.use::text as use, b.address
        from buildings b join grids g on g.id = b.grid_id order by b.id`,
  );
  const buildings = new Map<number, Building>();
  for (const r of bRows) {
    const b: Building = {
      id: r.id,
      gridId: r.grid_id,
      village: r.village_code,
      lng: r.lng,
      lat: r.lat,
      use: r.use,
      address: r.address,
      households: [],
      compoundId: null,
    };
    buildings.set(b.id, b);
    villages.get(b.village)?.buildings.push(b);
  }
  const hRows = await queryRows<{
    id: number;
    building_id: number;
    unit: string;
    name: string | null;
    phone: string | null;
  }>(
    db,
    sql`select h.id, h.building_id, h.unit, p.name, p.phone from households h
        left join lateral (select name, phone from persons p where p.household_id = h.id
                           order by p.is_head desc, p.id limit 1) p on true
        order by h.id`,
  );
  const households = new Map<number, Household>();
  const householdIds: number[] = [];
  for (const r of hRows) {
    households.set(r.id, {
      id: r.id,
      buildingId: r.building_id,
      unit: r.unit,
      name: r.name,
      phone: r.phone,
    });
    householdIds.push(r.id);
    const b = buildings.get(r.building_id);
    if (b) {
      b.households.push(r.id);
      villages.get(b.village)?.households.push(r.id);
    }
  }
  for (const v of villages.values()) {
    const rural = v.buildings.filter((b) => b.use === 'rural_house').length;
    if (v.buildings.length) v.rural = rural * 2 > v.buildings.length;
  }
  const points = await queryRows<{ code: string; grid_id: number; lng: number; lat: number }>(
    db,
    sql`select g.village_code as code, g.id as grid_id, ST_X(p.geom) as lng, ST_Y(p.geom) as lat
        from grids g, lateral ST_Dump(ST_GeneratePoints(g.boundary, 6, ${seed % 1_000_000})) p
        order by g.village_code, g.id, p.path`,
  );
  for (const p of points) villages.get(p.code)?.publicPoints.push([p.lng, p.lat, p.grid_id]);

  const fRows = await queryRows<{
    id: number;
    code: string;
    kind: string;
    name: string;
    division_code: string;
    lng: number;
    lat: number;
    building_id: number | null;
    operator: string | null;
    supervising_office_id: number;
    building_ids: number[] | null;
  }>(
    db,
    sql`select f.id, f.code, f.kind::text as kind, f.name, f.division_code, ST_X(f.location) as lng,
               ST_Y(f.location) as lat, f.building_id, f.operator, f.supervising_office_id,
               case when f.boundary is null then null else
                 (select array_agg(b.id order by b.id) from buildings b where ST_Within(b.centre, f.boundary)) end as building_ids
        from facilities f order by f.id`,
  );
  const facilities: Facility[] = [];
  const facilitiesByTownKind = new Map<string, Facility[]>();
  for (const r of fRows) {
    const v = villages.get(r.division_code);
    const town = v?.town ?? r.division_code;
    const f: Facility = {
      id: r.id,
      code: r.code,
      kind: r.kind,
      name: r.name,
      village: r.division_code,
      town,
      county: v?.county ?? (parent.get(town) || ''),
      lng: r.lng,
      lat: r.lat,
      buildingId: r.building_id,
      operator: r.operator,
      supervisingOfficeId: r.supervising_office_id,
      buildingIds: r.building_ids ?? [],
    };
    facilities.push(f);
    const key = `${town}|${r.kind}`;
    const list = facilitiesByTownKind.get(key) ?? [];
    list.push(f);
    facilitiesByTownKind.set(key, list);
    if (r.kind === 'residential_compound') {
      for (const id of f.buildingIds) {
        const b = buildings.get(id);
        if (b && b.compoundId === null) b.compoundId = f.id;
      }
    }
  }

  const users = await queryRows<{
    id: number;
    role: string;
    grid_id: number | null;
    office_id: number | null;
    division_code: string | null;
  }>(
    db,
    sql`select id, role::text as role, grid_id, office_id, division_code from users
        where disabled_at is null order by id`,
  );
  const gridWorkerByGrid = new Map<number, number>();
  const handlerByOffice = new Map<number, number>();
  const inspectorByDivision = new Map<string, number>();
  for (const u of users) {
    if (u.role === 'grid_worker' && u.grid_id !== null && !gridWorkerByGrid.has(u.grid_id))
      gridWorkerByGrid.set(u.grid_id, u.id);
    if (u.role === 'handler' && u.office_id !== null && !handlerByOffice.has(u.office_id))
      handlerByOffice.set(u.office_id, u.id);
    if (u.role === 'inspector' && u.division_code !== null && !inspectorByDivision.has(u.division_code))
      inspectorByDivision.set(u.division_code, u.id);
  }

  const policies = await queryRows<{
    category_code: string | null;
    tier: 'county' | 'town' | 'village' | null;
    urgency_code: string | null;
    dispatch_hours: number;
    first_reply_days: number;
    resolve_days: number;
    working_days: boolean;
  }>(
    db,
    sql`select category_code, tier::text as tier, urgency_code, dispatch_hours, first_reply_days,
               resolve_days, working_days from deadline_policies order by id`,
  );
  const cal = await queryRows<{ day: string; is_workday: boolean }>(
    db,
    sql`select day::text as day, is_workday from calendar_days`,
  );
  const villageList = [...villages.values()].filter(
    (v) => v.households.length > 0 || v.publicPoints.length > 0,
  );
  return {
    villages,
    villageList,
    divisionNames,
    buildings,
    households,
    householdIds,
    facilities,
    facilitiesByTownKind,
    gridWorkerByGrid,
    handlerByOffice,
    inspectorByDivision,
    router: await loadRouter(db),
    policies: policies.map((p) => ({
      categoryCode: p.category_code,
      tier: p.tier,
      urgencyCode: p.urgency_code,
      dispatchHours: p.dispatch_hours,
      firstReplyDays: p.first_reply_days,
      resolveDays: p.resolve_days,
      workingDays: p.working_days,
    })),
    holidays: new Set(cal.filter((c) => !c.is_workday).map((c) => c.day)),
    workdays: new Set(cal.filter((c) => c.is_workday).map((c) => c.day)),
  };
}
