/**
 * Step 4: facilities, each with a supervising office and a location inside its village area.
 *
 * Per town: a health facility (社区卫生服务中心 in 西区 and in 街道; 卫生院 (hospital) in rural
 * 镇/乡 elsewhere), a primary school, a kindergarten, a market and an elderly-care home. Per county:
 * a people's hospital, a middle school, a water works and a bus station. Residential compounds
 * (小区) in urban communities: groups of neighbouring residential buildings (Z-order of their
 * centres), the boundary being the buffered convex hull of their footprints, the operator a
 * property-management company, supervised by the 街道办 or the county 住建局 (alternately).
 * West district (西区, 510403) has exactly 6 community health centres, one per town, all supervised
 * by 西区卫生健康局: the health pattern of the source article is planted on them in `complaints`.
 */
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../client';
import { queryRows } from '../sql';
import type { SeedContext } from './context';
import { COMPOUND_NAMES, PROPERTY_COMPANIES } from './corpus/places';
import { shortTownName, shortVillageName } from './organisation';

export const WEST_DISTRICT = '510403000000';

type Kind =
  | 'community_health_centre'
  | 'hospital'
  | 'school'
  | 'kindergarten'
  | 'market'
  | 'residential_compound'
  | 'water_works'
  | 'elderly_care'
  | 'bus_station';

interface Planned {
  code: string;
  kind: Kind;
  name: string;
  /** County or town code whose area holds it. */
  areaCode: string;
  supervisingOfficeCode: string;
  /** Preferred building uses, in order. */
  uses: string[];
  operator: string | null;
}

interface Area extends Record<string, unknown> {
  code: string;
  parent_code: string;
  name: string;
  level: string;
}

export async function seedFacilities(db: Db, ctx: SeedContext): Promise<void> {
  const areas = await queryRows<Area>(
    db,
    sql`select code, parent_code, name, level::text as level from divisions where level in ('county', 'town') order by code`,
  );
  const counties = areas.filter((a) => a.level === 'county');
  const towns = areas.filter((a) => a.level === 'town');
  const planned: Planned[] = [];
  for (const county of counties) {
    const c = county.code;
    planned.push(
      p(`${c}-H01`, 'hospital', `${county.name}人民医院`, c, `${c}-WJJ`, ['public']),
      p(`${c}-S01`, 'school', `${county.name}第一初级中学`, c, `${c}-JYJ`, ['public']),
      p(`${c}-W01`, 'water_works', `${county.name}自来水厂`, c, `${c}-SLJ`, ['public', 'commercial']),
      p(`${c}-T01`, 'bus_station', `${county.name}汽车客运站`, c, `${c}-JTJ`, ['commercial', 'public']),
    );
  }
  for (const town of towns) {
    const t = town.code;
    const county = town.parent_code;
    const name = shortTownName(town.name);
    const street = name.endsWith('街道');
    const base = name.replace(/(街道|彝族乡|苗族彝族乡|傈僳族乡|镇|乡)$/, '') || name;
    if (county === WEST_DISTRICT || street) {
      planned.push(
        p(`${t}-CHC`, 'community_health_centre', `${name}社区卫生服务中心`, t, `${county}-WJJ`, ['public']),
      );
    } else {
      planned.push(p(`${t}-HC`, 'hospital', `${name}卫生院`, t, `${county}-WJJ`, ['public']));
    }
    planned.push(
      p(`${t}-PS`, 'school', `${base}${street ? '小学校' : '中心小学'}`, t, `${county}-JYJ`, ['public']),
      p(`${t}-KG`, 'kindergarten', `${base}幼儿园`, t, `${county}-JYJ`, ['public', 'mixed']),
      p(`${t}-MK`, 'market', `${base}农贸市场`, t, `${county}-SCJ`, ['commercial', 'mixed']),
      p(`${t}-EC`, 'elderly_care', street ? `${name}养老服务中心` : `${name}敬老院`, t, `${county}-MZJ`, [
        'public',
        'mixed',
      ]),
    );
  }

  await db.transaction(async (tx) => {
    await insertPointFacilities(tx, planned, ctx);
    await insertCompounds(tx, ctx);
  });
  const counts = await queryRows<{ kind: string; n: number }>(
    db,
    sql`select kind::text as kind, count(*)::int as n from facilities group by 1 order by 1`,
  );
  ctx.log(`seed: facilities ${counts.map((c) => `${c.kind} ${c.n}`).join(', ')}`);
}

function p(
  code: string,
  kind: Kind,
  name: string,
  areaCode: string,
  supervisingOfficeCode: string,
  uses: string[],
  operator: string | null = null,
): Planned {
  return { code, kind, name, areaCode, supervisingOfficeCode, uses, operator };
}

/**
 * Place each planned facility in a building of a preferred use inside its area (a deterministic
 * pseudo-random pick, hashed from the facility code), else on a point inside a village of the area.
 */
async function insertPointFacilities(tx: Tx, planned: Planned[], ctx: SeedContext): Promise<void> {
  const salt = String(ctx.seed);
  await tx.execute(sql`
    with plan as (
      select * from unnest(
        ${sql.param(planned.map((f) => f.code))}::text[],
        ${sql.param(planned.map((f) => f.kind))}::text[],
        ${sql.param(planned.map((f) => f.name))}::text[],
        ${sql.param(planned.map((f) => f.areaCode))}::text[],
        ${sql.param(planned.map((f) => f.supervisingOfficeCode))}::text[],
        ${sql.param(planned.map((f) => f.uses.join(',')))}::text[]
      ) as t(code, kind, name, area_code, office_code, uses)
    ),
    placed as (
      select plan.*, b.id as building_id, b.centre as b_centre, b.village_code as b_village
      from plan
      left join lateral (
        select b.id, b.centre, g.village_code
        from buildings b join grids g on g.id = b.grid_id join divisions v on v.code = g.village_code
        where (v.parent_code = plan.area_code
               or v.parent_code in (select t.code from divisions t where t.parent_code = plan.area_code))
          and b.use::text = any(string_to_array(plan.uses, ','))
        order by array_position(string_to_array(plan.uses, ','), b.use::text),
                 md5(${salt} || plan.code || b.id::text)
        limit 1
      ) b on true
    ),
    fallback as (
      select placed.*, v.code as v_code, ST_PointOnSurface(v.boundary) as v_point
      from placed
      left join lateral (
        select d.code, d.boundary from divisions d
        where d.level = 'village'
          and (d.parent_code = placed.area_code
               or d.parent_code in (select t.code from divisions t where t.parent_code = placed.area_code))
        order by md5(${salt} || placed.code || d.code) limit 1
      ) v on true
    )
    insert into facilities (code, kind, name, division_code, location, building_id, supervising_office_id)
    select f.code, f.kind::facility_kind, f.name, coalesce(f.b_village, f.v_code, f.area_code),
           coalesce(f.b_centre, f.v_point), f.building_id, o.id
    from fallback f join offices o on o.code = f.office_code
    where coalesce(f.b_centre, f.v_point) is not null
    order by f.code
  `);
}

/**
 * Residential compounds: in each urban community (社区 or ur_code 1xx), residential and mixed
 * buildings are sorted along a Z-order curve (geohash of the centre) and cut into groups of
 * 3–8 neighbouring buildings; each group of ≥ 3 becomes a compound, at most 4 per community.
 */
async function insertCompounds(tx: Tx, ctx: SeedContext): Promise<void> {
  const rows = await queryRows<{
    village_code: string;
    village_name: string;
    town_code: string;
    county_code: string;
    grp: number;
    n: number;
    building_id: number;
  }>(
    tx,
    sql`
    with res as (
      select b.id, g.village_code, b.centre,
             row_number() over (partition by g.village_code order by ST_GeoHash(b.centre, 12), b.id) - 1 as rn,
             count(*) over (partition by g.village_code) as total
      from buildings b join grids g on g.id = b.grid_id
      join divisions v on v.code = g.village_code
      where b.use in ('residential', 'mixed')
        and (v.name like '%社区%' or v.ur_code like '1%')
    ),
    grouped as (
      select village_code, id, centre,
             (rn / greatest(3, least(8, ceil(total / 4.0)::int)))::int as grp
      from res
    ),
    groups as (
      select village_code, grp, count(*)::int as n, ST_Centroid(ST_Collect(centre)) as c
      from grouped group by village_code, grp having count(*) >= 3
    )
    select gr.village_code, v.name as village_name, v.parent_code as town_code, t.parent_code as county_code,
           gr.grp, gr.n,
           (select g2.id from grouped g2 where g2.village_code = gr.village_code and g2.grp = gr.grp
             order by ST_Distance(g2.centre, gr.c), g2.id limit 1) as building_id
    from groups gr
    join divisions v on v.code = gr.village_code
    join divisions t on t.code = v.parent_code
    where gr.grp < 4
    order by gr.village_code, gr.grp`,
  );
  if (rows.length === 0) return;
  const rng = ctx.rng.fork('compounds');
  const used = new Map<string, number>();
  const plan = rows.map((r, i) => {
    let base = COMPOUND_NAMES[i % COMPOUND_NAMES.length]!;
    // The source article's 攀大北苑 sits in 东区; keep other names unique by suffixing the community.
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    if (n > 1) base = `${shortVillageName(r.village_name).replace(/(社区|村)$/, '')}${base}`;
    const supervisor = rng.next() < 0.6 ? `${r.town_code}-GOV` : `${r.county_code}-ZJJ`;
    return {
      code: `${r.village_code}-RC${String(r.grp + 1).padStart(2, '0')}`,
      name: base.endsWith('区') || base.endsWith('村') ? base : `${base}小区`,
      village: r.village_code,
      grp: r.grp,
      office: supervisor,
      operator: rng.pick(PROPERTY_COMPANIES),
      buildingId: r.building_id,
    };
  });
  await tx.execute(sql`
    with plan as (
      select * from unnest(
        ${sql.param(plan.map((c) => c.code))}::text[],
        ${sql.param(plan.map((c) => c.name))}::text[],
        ${sql.param(plan.map((c) => c.village))}::text[],
        ${sql.param(plan.map((c) => c.grp))}::int[],
        ${sql.param(plan.map((c) => c.office))}::text[],
        ${sql.param(plan.map((c) => c.operator))}::text[],
        ${sql.param(plan.map((c) => c.buildingId))}::int[]
      ) as t(code, name, village_code, grp, office_code, operator, building_id)
    ),
    res as (
      select b.id, g.village_code, b.footprint,
             row_number() over (partition by g.village_code order by ST_GeoHash(b.centre, 12), b.id) - 1 as rn,
             count(*) over (partition by g.village_code) as total
      from buildings b join grids g on g.id = b.grid_id
      where b.use in ('residential', 'mixed') and g.village_code in (select village_code from plan)
    ),
    hulls as (
      select village_code, (rn / greatest(3, least(8, ceil(total / 4.0)::int)))::int as grp,
             ST_Buffer(ST_ConvexHull(ST_Collect(footprint)), 0.00008, 'join=mitre') as boundary
      from res group by 1, 2
    )
    insert into facilities (code, kind, name, division_code, location, boundary, building_id,
                            supervising_office_id, operator)
    select plan.code, 'residential_compound', plan.name, plan.village_code, b.centre,
           ST_Force2D((ST_Dump(h.boundary)).geom), plan.building_id, o.id, plan.operator
    from plan
    join hulls h on h.village_code = plan.village_code and h.grp = plan.grp
    join buildings b on b.id = plan.building_id
    join offices o on o.code = plan.office_code
    order by plan.code
  `);
}
