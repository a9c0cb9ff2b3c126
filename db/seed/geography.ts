/**
 * Seed step "geography": the city, its 5 real counties, and a synthesised but plausible tree of
 * 49 towns (镇/街道), 336 villages (村/社区), grids (网格), buildings (楼栋), households (户) and
 * residents (人), deterministic for `ctx.rng` and `ctx.scale`.
 *
 * - City and counties: the real outlines (Amap fences, GCJ-02 → WGS84 with lib/geo), census
 *   population (POPU), centre at the 2016 seat point when it lies inside, else on the surface.
 * - Towns tile their county and villages tile their town: Voronoi cells of generator points,
 *   clipped in PostGIS (see geography/tile-with-voronoi.ts). Generators are the real 2016 points
 *   (matched by code, or by name stem for towns renamed 乡 → 镇) when they fall inside the parent,
 *   otherwise generated: towns and rural villages spread out, urban communities clustered near
 *   their town's centre. `centre` is the generator, a point on the surface of the area.
 * - Populations: the county's census residents split into urban (POPU_URB) and rural shares, the
 *   urban share over its communities (weighted by ur_code: 111 main urban highest), the rural one
 *   over its villages. Stored divisions carry full-scale populations; persons are ≈ POPU × scale.
 * - Grids: urban communities get one per 300–500 households (at full scale), villages 2–6;
 *   codes `<villageCode>-G01`, names `<村/社区名>第1网格`.
 * - Buildings: urban blocks (6–33 floors, 12–18 × 30–60 m, rotated with their compound) or rural
 *   houses (1–3 floors, ≈ 10 × 12 m), inside their grid and never overlapping
 *   (geography/place-buildings.ts); codes `<gridCode>-B001`.
 * - Households and residents from the county's census distributions
 *   (geography/synthesise-residents.ts), units like `2单元301`.
 *
 * Everything is bulk-loaded with `unnest()` over array parameters, in one transaction.
 */
import { area as areaM2 } from '@turf/turf';
import { sql } from 'drizzle-orm';
import type { MultiPolygon, Polygon } from 'geojson';
import type { LngLat } from '@/lib/geo/convert-datum';
import type { Db, DbOrTx } from '../client';
import { queryRows } from '../sql';
import type { Rng, SeedContext } from './context';
import {
  BLOCK,
  BLOCK_RADIUS_M,
  type BuildingUse,
  erosionDegrees,
  type Footprint,
  HOUSE,
  HOUSE_RADIUS_M,
  latticeSites,
  rectangle,
  ringToWkt,
} from './geography/place-buildings';
import { type CountyCensus, type ReferenceData, readReferenceData } from './geography/read-reference-data';
import {
  type Area,
  clusteredPoint,
  contains,
  placePoints,
  spreadPoint,
  toArea,
  uniformPoint,
} from './geography/sample-points';
import { ResidentSampler, type SynthHousehold } from './geography/synthesise-residents';
import { computeVoronoiTiles, type Generator } from './geography/tile-with-voronoi';

const URBAN_UR_CODES = new Set(['111', '112', '121', '122', '123']);
/** Relative population weight of a community or village by urban–rural class. */
const UR_WEIGHT: Record<string, number> = {
  '111': 1,
  '112': 0.6,
  '121': 0.7,
  '122': 0.4,
  '123': 0.3,
  '210': 1.4,
  '220': 1,
};

interface TownPlan {
  code: string;
  countyCode: string;
  name: string;
  point: LngLat;
  population: number;
}

interface VillagePlan {
  code: string;
  townCode: string;
  countyCode: string;
  name: string;
  urCode: string | null;
  urban: boolean;
  /** Full-scale residents. */
  population: number;
  /** Residents to synthesise (≈ population × scale). */
  persons: number;
  gridCount: number;
  point?: LngLat;
}

interface GridPlan {
  id: number;
  code: string;
  name: string;
  village: VillagePlan;
  index: number;
  persons: number;
  point: LngLat;
}

/** Deal `items` out in order to groups whose cumulative sizes follow the cumulative `targets`. */
function dealOut<T>(items: readonly T[], size: (item: T) => number, targets: readonly number[]): T[][] {
  const groups: T[][] = targets.map(() => []);
  let next = 0;
  let done = 0;
  let goal = 0;
  targets.forEach((target, g) => {
    goal += target;
    const last = g === targets.length - 1;
    while (next < items.length && (last || done + size(items[next] as T) / 2 <= goal)) {
      const item = items[next++] as T;
      groups[g]?.push(item);
      done += size(item);
    }
  });
  return groups;
}

/** Split `total` into integers proportional to `weights` (largest remainder). */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (sum <= 0 || weights.length === 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((s, v) => s + v, 0);
  const order = exact
    .map((v, i) => [v - Math.floor(v), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    out[i] = (out[i] ?? 0) + 1;
    left--;
  }
  return out;
}

/** A minimum distance (m) between `n` generator points that still lets them share the area evenly. */
const spacing = (area: Area, n: number) => 0.5 * Math.sqrt(areaM2(area.geometry) / Math.max(1, n));

const nameStem = (name: string) => name.replace(/(街道办事处|街道|镇|乡)$/, '');

function asMulti(geometry: Polygon | MultiPolygon): MultiPolygon {
  return geometry.type === 'MultiPolygon'
    ? geometry
    : { type: 'MultiPolygon', coordinates: [geometry.coordinates] };
}

function parseArea(json: string | null): Area | null {
  if (!json) return null;
  const geometry = asMulti(JSON.parse(json) as Polygon | MultiPolygon);
  return geometry.coordinates.length === 0 ? null : toArea(geometry);
}

async function listBoundaries(tx: DbOrTx, level: 'town' | 'village'): Promise<Map<string, Area>> {
  const rows = await queryRows<{ code: string; geojson: string }>(
    tx,
    sql`select code, ST_AsGeoJSON(boundary, 15) as geojson from divisions where level = ${level}`,
  );
  return new Map(rows.map((r) => [r.code, toArea(asMulti(JSON.parse(r.geojson) as Polygon | MultiPolygon))]));
}

async function insertCityAndCounties(tx: DbOrTx, data: ReferenceData): Promise<void> {
  const rows = [
    { ...data.city, parent: null as string | null, level: 'city', population: 0 },
    ...data.counties.map((c) => ({
      ...c,
      parent: data.city.code,
      level: 'county',
      population: data.census.get(c.code)?.population ?? 0,
    })),
  ];
  rows[0]!.population = rows.slice(1).reduce((s, r) => s + r.population, 0);
  const seat = rows.map((r) => (r.seat && contains(toArea(r.boundary), r.seat) ? r.seat : null));
  await tx.execute(sql`
    insert into divisions (code, parent_code, name, level, centre, boundary, boundary_source, population)
    select t.code, t.parent, t.name, t.level::division_level,
           coalesce(ST_SetSRID(ST_MakePoint(t.lng, t.lat), 4326), ST_PointOnSurface(b.geom)),
           b.geom, 'real', t.population
    from unnest(${sql.param(rows.map((r) => r.code))}::text[], ${sql.param(rows.map((r) => r.parent))}::text[],
                ${sql.param(rows.map((r) => r.name))}::text[], ${sql.param(rows.map((r) => r.level))}::text[],
                ${sql.param(rows.map((r) => JSON.stringify(r.boundary)))}::text[],
                ${sql.param(seat.map((p) => p?.[0] ?? null))}::float8[],
                ${sql.param(seat.map((p) => p?.[1] ?? null))}::float8[],
                ${sql.param(rows.map((r) => r.population))}::int[])
         as t(code, parent, name, level, geojson, lng, lat, population),
    lateral (select ST_Multi(ST_CollectionExtract(ST_MakeValid(
               ST_SetSRID(ST_GeomFromGeoJSON(t.geojson), 4326)), 3)) as geom) b
    order by t.level, t.code`);
}

/** Urban/rural class, population and grid count of every village, per county census. */
function planVillages(data: ReferenceData, ctx: SeedContext, rng: Rng): VillagePlan[] {
  const townCounty = new Map(data.towns.map((t) => [t.code, t.countyCode]));
  const plans: VillagePlan[] = data.villages.map((v) => {
    const known = data.divisions2016.get(v.code);
    const urCode = known?.urCode ?? null;
    const urban = urCode ? URBAN_UR_CODES.has(urCode) : v.name.endsWith('社区');
    const weight = (urCode ? (UR_WEIGHT[urCode] ?? 1) : urban ? 0.7 : 1) * Math.exp(0.3 * rng.normal());
    return {
      code: v.code,
      townCode: v.townCode,
      countyCode: townCounty.get(v.townCode) ?? '',
      name: v.name,
      urCode,
      urban,
      population: weight, // a weight until apportioned below
      persons: 0,
      gridCount: 0,
    };
  });
  for (const county of data.counties) {
    const census = data.census.get(county.code) as CountyCensus;
    const mine = plans.filter((p) => p.countyCode === county.code);
    const urban = mine.filter((p) => p.urban);
    const rural = mine.filter((p) => !p.urban);
    const urbanShare = rural.length === 0 ? 1 : urban.length === 0 ? 0 : census.urbanShare;
    const split = (group: VillagePlan[], share: number) => {
      const weights = group.map((p) => p.population);
      const full = apportion(Math.round(census.population * share), weights);
      const scaled = apportion(Math.round(census.population * share * ctx.scale), weights);
      group.forEach((p, i) => {
        p.population = full[i] ?? 0;
        p.persons = scaled[i] ?? 0;
        p.gridCount = p.urban
          ? Math.max(1, Math.round(p.population / census.householdSize / rng.int(300, 500)))
          : rng.int(2, 6);
      });
    };
    split(urban, urbanShare);
    split(rural, 1 - urbanShare);
  }
  return plans;
}

function townPlans(data: ReferenceData, rng: Rng, villages: VillagePlan[]): TownPlan[] {
  const towns: TownPlan[] = [];
  for (const county of data.counties) {
    const area = toArea(county.boundary);
    const mine = data.towns.filter((t) => t.countyCode === county.code);
    const known2016 = [...data.divisions2016.values()].filter((d) => d.parent === county.code);
    const wanted = mine.map((t) => {
      const byCode = data.divisions2016.get(t.code);
      if (byCode?.point) return byCode.point;
      return known2016.find((d) => d.point && nameStem(d.name) === nameStem(t.name))?.point ?? null;
    });
    const points = placePoints(rng, area, wanted, 1500, (placed) => spreadPoint(rng, area, placed));
    mine.forEach((t, i) => {
      towns.push({
        ...t,
        point: points[i] as LngLat,
        population: villages.filter((v) => v.townCode === t.code).reduce((s, v) => s + v.population, 0),
      });
    });
  }
  return towns;
}

async function insertTiles(
  tx: DbOrTx,
  generators: Generator[],
  meta: { code: string; name: string; urCode: string | null; population: number }[],
  level: 'town' | 'village',
): Promise<void> {
  await computeVoronoiTiles(tx, generators);
  await tx.execute(sql`
    insert into divisions (code, parent_code, name, level, ur_code, centre, boundary, boundary_source, population)
    select s.code, s.parent_code, m.name, ${level}::division_level, m.ur_code, s.centre, s.boundary,
           'synthesised', m.population
    from seed_tiles s
    join unnest(${sql.param(meta.map((m) => m.code))}::text[], ${sql.param(meta.map((m) => m.name))}::text[],
                ${sql.param(meta.map((m) => m.urCode))}::text[], ${sql.param(meta.map((m) => m.population))}::int[])
         as m(code, name, ur_code, population) on m.code = s.code
    order by s.code`);
}

interface BuildingRows {
  id: number[];
  code: string[];
  gridId: number[];
  address: string[];
  use: BuildingUse[];
  floors: number[];
  wkt: string[];
  lng: number[];
  lat: number[];
}
interface HouseholdRows {
  id: number[];
  buildingId: number[];
  unit: string[];
  size: number[];
}
interface PersonRows {
  householdId: number[];
  name: string[];
  gender: string[];
  birthYear: number[];
  phone: (string | null)[];
  isHead: number[];
}

const STREET_STEMS = [
  ...'人民 炳草岗 新华 胜利 建设 东风 团结 和平 解放 文化 健康 长寿 金沙 攀枝花 渡口 凤凰 花城 阳光 竹湖 机场 南山 钒钛 三线 临江 滨江 江南 迎宾 学府 民主 光明 振兴 康宁 新桥 枣子坪 龙潭 桐子林'.split(
    ' ',
  ),
];
const STREET_SUFFIXES = ['路', '街', '大道', '巷', '西路', '东路'];

interface ResidentialSpec {
  use: BuildingUse;
  floors: number;
  width: number;
  length: number;
  units: number;
  perFloor: number;
}

function urbanSpec(rng: Rng): ResidentialSpec {
  const r = rng.next();
  const use: BuildingUse = rng.next() < 0.15 ? 'mixed' : 'residential';
  if (r < 0.4)
    return {
      use,
      floors: rng.int(6, 7),
      width: rng.int(12, 15),
      length: rng.int(40, 60),
      units: rng.int(2, 4),
      perFloor: 2,
    };
  if (r < 0.7)
    return {
      use,
      floors: rng.int(11, 18),
      width: rng.int(14, 18),
      length: rng.int(30, 50),
      units: rng.int(1, 3),
      perFloor: rng.int(2, 4),
    };
  return {
    use,
    floors: rng.int(18, 33),
    width: rng.int(15, 18),
    length: rng.int(30, 45),
    units: rng.int(1, 2),
    perFloor: rng.int(2, 4),
  };
}

const houseSpec = (rng: Rng, floors: number): ResidentialSpec => ({
  use: 'rural_house',
  floors,
  width: 9 + rng.next() * 2,
  length: 11 + rng.next() * 2,
  units: 1,
  perFloor: 1,
});

/** Distinct flat labels of a building, in random order (`2单元301`). */
function flats(rng: Rng, spec: ResidentialSpec): string[] {
  const all: string[] = [];
  for (let u = 1; u <= spec.units; u++)
    for (let f = 1; f <= spec.floors; f++)
      for (let d = 1; d <= spec.perFloor; d++) all.push(`${u}单元${f}${String(d).padStart(2, '0')}`);
  for (let i = all.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [all[i], all[j]] = [all[j] as string, all[i] as string];
  }
  return all;
}

async function insertChunks(
  total: number,
  size: number,
  insert: (from: number, to: number) => Promise<void>,
) {
  for (let from = 0; from < total; from += size) await insert(from, Math.min(total, from + size));
}

export async function seedGeography(db: Db, ctx: SeedContext): Promise<void> {
  const t0 = performance.now();
  const lap = (what: string) =>
    ctx.log(`geography: ${what} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  const data = readReferenceData(ctx.dataDir);
  const villages = planVillages(data, ctx, ctx.rng.fork('population'));
  const towns = townPlans(data, ctx.rng.fork('towns'), villages);
  const census = (code: string) => data.census.get(code) as CountyCensus;
  const countyName = new Map(data.counties.map((c) => [c.code, c.name]));
  const townByCode = new Map(towns.map((t) => [t.code, t]));

  await db.transaction(async (tx) => {
    await insertCityAndCounties(tx, data);
    await insertTiles(
      tx,
      towns.map((t) => ({ code: t.code, parentCode: t.countyCode, point: t.point })),
      towns.map((t) => ({ code: t.code, name: t.name, urCode: null, population: t.population })),
      'town',
    );
    lap(`${data.counties.length} counties, ${towns.length} towns`);

    // Villages: real points where they fall inside their town; else communities near the town
    // centre and villages spread over the rest.
    const townAreas = await listBoundaries(tx, 'town');
    for (const town of towns) {
      const rng = ctx.rng.fork(`villages:${town.code}`);
      const area = townAreas.get(town.code) as Area;
      const mine = villages.filter((v) => v.townCode === town.code);
      const points = placePoints(
        rng,
        area,
        mine.map((v) => data.divisions2016.get(v.code)?.point ?? null),
        spacing(area, mine.length),
        (placed) => {
          const next = mine[placed.length];
          return next?.urban
            ? clusteredPoint(rng, area, town.point, 1200)
            : (spreadPoint(rng, area, placed) ?? uniformPoint(rng, area));
        },
      );
      mine.forEach((v, i) => {
        v.point = points[i];
      });
    }
    await insertTiles(
      tx,
      villages.map((v) => ({ code: v.code, parentCode: v.townCode, point: v.point as LngLat })),
      villages,
      'village',
    );
    lap(`${villages.length} villages`);

    // Grids: one Voronoi tiling per village.
    const villageAreas = await listBoundaries(tx, 'village');
    const grids: GridPlan[] = [];
    for (const v of villages) {
      const rng = ctx.rng.fork(`grids:${v.code}`);
      const area = villageAreas.get(v.code) as Area;
      const centre = v.point as LngLat;
      const points = placePoints(
        rng,
        area,
        Array.from({ length: v.gridCount }, (_, i) => (i === 0 ? centre : null)),
        spacing(area, v.gridCount),
        (placed) =>
          v.urban
            ? clusteredPoint(rng, area, centre, 150 * Math.sqrt(v.gridCount))
            : spreadPoint(rng, area, placed),
      );
      const persons = apportion(
        v.persons,
        points.map(() => 0.7 + 0.6 * rng.next()),
      );
      points.forEach((point, i) => {
        const n = String(i + 1).padStart(2, '0');
        grids.push({
          id: grids.length + 1,
          code: `${v.code}-G${n}`,
          name: `${v.name}第${i + 1}网格`,
          village: v,
          index: i,
          persons: persons[i] ?? 0,
          point,
        });
      });
    }
    await computeVoronoiTiles(
      tx,
      grids.map((g) => ({ code: g.code, parentCode: g.village.code, point: g.point })),
    );
    await tx.execute(sql`
      insert into grids (id, code, name, village_code, boundary)
      select m.id, s.code, m.name, s.parent_code, s.boundary
      from seed_tiles s
      join unnest(${sql.param(grids.map((g) => g.id))}::int[], ${sql.param(grids.map((g) => g.code))}::text[],
                  ${sql.param(grids.map((g) => g.name))}::text[]) as m(id, code, name) on m.code = s.code
      order by m.id`);
    await tx.execute(sql`select setval(pg_get_serial_sequence('grids', 'id'), (select max(id) from grids))`);
    lap(`${grids.length} grids`);

    // Buildings, households, residents, grid by grid.
    const eroded = await queryRows<{ id: number; block: string | null; house: string | null }>(
      tx,
      sql`select id,
            case when ST_IsEmpty(b) then null else ST_AsGeoJSON(b, 15) end as block,
            case when ST_IsEmpty(h) then null else ST_AsGeoJSON(h, 15) end as house
          from grids,
          lateral (select ST_Buffer(boundary, ${-erosionDegrees(BLOCK_RADIUS_M)}::float8) as b,
                          ST_Buffer(boundary, ${-erosionDegrees(HOUSE_RADIUS_M)}::float8) as h) e
          order by id`,
    );
    const areas = new Map(
      eroded.map((r) => [Number(r.id), { block: parseArea(r.block), house: parseArea(r.house) }]),
    );
    lap('grid interiors');

    const B: BuildingRows = {
      id: [],
      code: [],
      gridId: [],
      address: [],
      use: [],
      floors: [],
      wkt: [],
      lng: [],
      lat: [],
    };
    const H: HouseholdRows = { id: [], buildingId: [], unit: [], size: [] };
    const P: PersonRows = { householdId: [], name: [], gender: [], birthYear: [], phone: [], isHead: [] };
    const samplers = new Map(data.counties.map((c) => [c.code, new ResidentSampler(census(c.code))]));
    let dropped = 0;

    const addHousehold = (buildingId: number, unit: string, household: SynthHousehold) => {
      const id = H.id.length + 1;
      H.id.push(id);
      H.buildingId.push(buildingId);
      H.unit.push(unit);
      H.size.push(household.members.length);
      for (const m of household.members) {
        P.householdId.push(id);
        P.name.push(m.name);
        P.gender.push(m.gender);
        P.birthYear.push(m.birthYear);
        P.phone.push(m.phone);
        P.isHead.push(m.isHead ? 1 : 0);
      }
    };
    const addBuilding = (grid: GridPlan, k: number, address: string, spec: ResidentialSpec, f: Footprint) => {
      const id = B.id.length + 1;
      B.id.push(id);
      B.code.push(`${grid.code}-B${String(k).padStart(3, '0')}`);
      B.gridId.push(grid.id);
      B.address.push(address);
      B.use.push(spec.use);
      B.floors.push(spec.floors);
      B.wkt.push(ringToWkt(f.ring));
      B.lng.push(f.centre[0]);
      B.lat.push(f.centre[1]);
      return id;
    };

    // Households are drawn per county (so sizes follow the census exactly) and dealt out to
    // villages and then grids by their planned number of residents.
    const gridHouseholds = new Map<string, SynthHousehold[]>();
    for (const county of data.counties) {
      const rng = ctx.rng.fork(`residents:${county.code}`);
      const mine = villages.filter((v) => v.countyCode === county.code);
      const all = (samplers.get(county.code) as ResidentSampler).households(
        rng,
        mine.reduce((s, v) => s + v.persons, 0),
      );
      const byVillage = dealOut(
        all,
        (h) => h.members.length,
        mine.map((v) => v.persons),
      );
      mine.forEach((v, i) => {
        const vGrids = grids.filter((g) => g.village === v);
        const byGrid = dealOut(
          byVillage[i] ?? [],
          (h) => h.members.length,
          vGrids.map((g) => g.persons),
        );
        vGrids.forEach((g, j) => {
          gridHouseholds.set(g.code, byGrid[j] ?? []);
        });
      });
    }

    let carry: SynthHousehold[] = [];
    let lastVillage = '';
    let villageBuildings: { id: number; free: string[] }[] = [];
    const flushVillage = () => {
      // Households that found no room in their grid move into spare flats of the village.
      for (const household of carry) {
        const home = villageBuildings.find((b) => b.free.length > 0);
        if (home) addHousehold(home.id, home.free.pop() as string, household);
        else dropped++;
      }
      carry = [];
      villageBuildings = [];
    };

    for (const grid of grids) {
      const v = grid.village;
      if (v.code !== lastVillage) {
        flushVillage();
        lastVillage = v.code;
      }
      const rng = ctx.rng.fork(`buildings:${grid.code}`);
      const households = [...carry, ...(gridHouseholds.get(grid.code) ?? [])];
      carry = [];
      const area = areas.get(grid.id) ?? { block: null, house: null };
      const prefix = `${countyName.get(v.countyCode) ?? ''}${townByCode.get(v.townCode)?.name ?? ''}${v.name}`;
      const theta = rng.next() * Math.PI;
      const placed: { id: number; free: string[] }[] = [];

      if (v.urban) {
        const street = `${rng.pick(STREET_STEMS)}${rng.pick(STREET_SUFFIXES)}`;
        const number = rng.int(1, 150) * 2 - (rng.next() < 0.5 ? 1 : 0);
        // Plan blocks until their flats hold the grid's households at ≈ 90 % occupancy.
        const specs: ResidentialSpec[] = [];
        let capacity = 0;
        while (specs.length === 0 || capacity * 0.9 < households.length) {
          const spec = urbanSpec(rng);
          specs.push(spec);
          capacity += spec.floors * spec.units * spec.perFloor;
        }
        if (rng.next() < 0.25)
          specs.push({
            use: rng.next() < 0.5 ? 'commercial' : 'public',
            floors: rng.int(2, 6),
            width: rng.int(12, 18),
            length: rng.int(30, 60),
            units: 0,
            perFloor: 0,
          });
        let sites = area.block
          ? latticeSites(rng, area.block, specs.length, {
              cellLength: BLOCK.cellLength,
              cellWidth: BLOCK.cellWidth,
              theta,
              clusters: [grid.point],
              sigmaM: 40 * Math.sqrt(specs.length) + 30,
              jitterM: 3,
            })
          : [];
        let small = false;
        if (sites.length === 0 && area.house) {
          // No room for a single block: walk-ups on the small lattice instead.
          small = true;
          const walkUps = Math.max(1, Math.ceil(households.length / 10));
          specs.length = 0;
          for (let i = 0; i < walkUps; i++)
            specs.push({ ...houseSpec(rng, rng.int(4, 6)), use: 'residential', perFloor: 2 });
          sites = latticeSites(rng, area.house, specs.length, {
            cellLength: HOUSE.cellLength,
            cellWidth: HOUSE.cellWidth,
            theta,
            clusters: [grid.point],
            sigmaM: 30 * Math.sqrt(specs.length) + 20,
            jitterM: HOUSE.jitter,
          });
        }
        // Fewer sites than planned (a tight grid): build the placed blocks taller and wider.
        const placedCapacity = () =>
          specs.slice(0, sites.length).reduce((sum, sp) => sum + sp.floors * sp.units * sp.perFloor, 0);
        for (
          let round = 0;
          round < 4 && sites.length > 0 && placedCapacity() * 0.9 < households.length;
          round++
        ) {
          for (const sp of specs.slice(0, sites.length)) {
            if (sp.units === 0) continue;
            sp.floors = small ? Math.min(7, sp.floors + 1) : Math.min(33, Math.max(sp.floors, 18) + 5);
            sp.units = Math.min(small ? 2 : 4, sp.units + 1);
            sp.perFloor = Math.min(4, sp.perFloor + 1);
          }
        }
        sites.forEach((site, i) => {
          const spec = specs[i] as ResidentialSpec;
          const angle = small ? theta + rng.normal() * 0.2 : theta;
          const id = addBuilding(
            grid,
            i + 1,
            `${prefix} ${street} ${number} 号 ${i + 1} 栋`,
            spec,
            rectangle(site, spec.width, spec.length, angle),
          );
          if (spec.units > 0) placed.push({ id, free: flats(rng, spec) });
        });
        // Fill the buildings in proportion to their flats.
        const total = placed.reduce((s, b) => s + b.free.length, 0);
        const shares = apportion(
          Math.min(households.length, total),
          placed.map((b) => b.free.length),
        );
        let next = 0;
        placed.forEach((b, i) => {
          for (let n = 0; n < (shares[i] ?? 0); n++)
            addHousehold(b.id, b.free.pop() as string, households[next++] as SynthHousehold);
        });
        carry = households.slice(next);
      } else {
        const houseArea = area.house;
        const count = Math.max(1, households.length);
        const hamlets: LngLat[] = [];
        if (houseArea) {
          for (let i = 0, n = rng.int(1, 3); i < n; i++) {
            const p = uniformPoint(rng, houseArea);
            if (p) hamlets.push(p);
          }
        }
        const sites =
          houseArea && hamlets.length > 0
            ? latticeSites(rng, houseArea, count, {
                cellLength: HOUSE.cellLength,
                cellWidth: HOUSE.cellWidth,
                theta,
                clusters: hamlets,
                sigmaM: 60 + 40 * Math.sqrt(count / hamlets.length),
                jitterM: HOUSE.jitter,
              })
            : [];
        sites.forEach((site, i) => {
          const spec = houseSpec(
            rng,
            rng.weighted([1, 2, 3], (f) => [0.3, 0.5, 0.2][f - 1] ?? 0),
          );
          const f = rectangle(site, spec.width, spec.length, rng.next() * Math.PI);
          const id = addBuilding(grid, i + 1, `${prefix} ${grid.index + 1}组 ${i + 1} 号`, spec, f);
          const household = households[i];
          if (household) addHousehold(id, '自建房', household);
          placed.push({ id, free: ['自建房(二)', '自建房(三)'] });
        });
        carry = households.slice(sites.length);
      }
      villageBuildings.push(...placed);
    }
    flushVillage();
    if (dropped > 0) ctx.log(`geography: ${dropped} households found no building and were left out`);
    lap(`planned ${B.id.length} buildings, ${H.id.length} households, ${P.name.length} residents`);

    await insertChunks(B.id.length, 20_000, async (a, b) => {
      await tx.execute(sql`
        insert into buildings (id, code, grid_id, address, use, floors, footprint, centre)
        select t.id, t.code, t.grid_id, t.address, t.use::building_use, t.floors,
               ST_GeomFromText(t.wkt, 4326), ST_SetSRID(ST_MakePoint(t.lng, t.lat), 4326)
        from unnest(${sql.param(B.id.slice(a, b))}::int[], ${sql.param(B.code.slice(a, b))}::text[],
                    ${sql.param(B.gridId.slice(a, b))}::int[], ${sql.param(B.address.slice(a, b))}::text[],
                    ${sql.param(B.use.slice(a, b))}::text[], ${sql.param(B.floors.slice(a, b))}::int2[],
                    ${sql.param(B.wkt.slice(a, b))}::text[], ${sql.param(B.lng.slice(a, b))}::float8[],
                    ${sql.param(B.lat.slice(a, b))}::float8[])
             as t(id, code, grid_id, address, use, floors, wkt, lng, lat)`);
    });
    await insertChunks(H.id.length, 50_000, async (a, b) => {
      await tx.execute(sql`
        insert into households (id, building_id, unit, size)
        select * from unnest(${sql.param(H.id.slice(a, b))}::int[], ${sql.param(H.buildingId.slice(a, b))}::int[],
                             ${sql.param(H.unit.slice(a, b))}::text[], ${sql.param(H.size.slice(a, b))}::int2[])`);
    });
    await insertChunks(P.name.length, 50_000, async (a, b) => {
      await tx.execute(sql`
        insert into persons (household_id, name, gender, birth_year, phone, is_head)
        select * from unnest(${sql.param(P.householdId.slice(a, b))}::int[], ${sql.param(P.name.slice(a, b))}::text[],
                             ${sql.param(P.gender.slice(a, b))}::text[], ${sql.param(P.birthYear.slice(a, b))}::int2[],
                             ${sql.param(P.phone.slice(a, b))}::text[], ${sql.param(P.isHead.slice(a, b))}::int[])`);
    });
    await tx.execute(
      sql`select setval(pg_get_serial_sequence('buildings', 'id'), greatest(1, (select max(id) from buildings)))`,
    );
    await tx.execute(
      sql`select setval(pg_get_serial_sequence('households', 'id'), greatest(1, (select max(id) from households)))`,
    );
    await tx.execute(sql`drop table if exists seed_tiles`);
    lap('inserted');
  });
}
