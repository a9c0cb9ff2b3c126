/**
 * A tiny geography for the seed steps' own tests (until / besides the real geography step):
 * 3 counties (东区, 西区 with its 6 real towns, 盐边县 with 格萨拉彝族乡 and 韭菜坪村), one grid per
 * village, a handful of buildings per grid with households and one person per household.
 * Every village is a 0.01° square; buildings are small squares inside it.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../client';

interface FixtureVillage {
  code: string;
  name: string;
  urban: boolean;
}
interface FixtureTown {
  code: string;
  name: string;
  villages: FixtureVillage[];
}
interface FixtureCounty {
  code: string;
  name: string;
  towns: FixtureTown[];
}

const v = (code: string, name: string, urban = true): FixtureVillage => ({ code, name, urban });

export const FIXTURE: FixtureCounty[] = [
  {
    code: '510402000000',
    name: '东区',
    towns: [
      {
        code: '510402001000',
        name: '大渡口街道',
        villages: [v('510402001002', '大渡口街社区'), v('510402001004', '东方红社区')],
      },
      {
        code: '510402002000',
        name: '炳草岗街道',
        villages: [v('510402002001', '攀大社区'), v('510402002002', '新华社区')],
      },
    ],
  },
  {
    code: '510403000000',
    name: '西区',
    towns: [
      { code: '510403001000', name: '清香坪街道', villages: [v('510403001001', '清香坪社区')] },
      { code: '510403002000', name: '玉泉街道', villages: [v('510403002001', '玉泉社区')] },
      { code: '510403003000', name: '河门口街道', villages: [v('510403003001', '河门口社区')] },
      { code: '510403004000', name: '陶家渡街道', villages: [v('510403004001', '陶家渡社区')] },
      { code: '510403006000', name: '大宝鼎街道', villages: [v('510403006001', '大宝鼎社区')] },
      { code: '510403100000', name: '格里坪镇', villages: [v('510403100201', '格里坪村', false)] },
    ],
  },
  {
    code: '510422000000',
    name: '盐边县',
    towns: [
      { code: '510422100000', name: '桐子林镇', villages: [v('510422100001', '清源社区')] },
      {
        code: '510422211000',
        name: '格萨拉彝族乡',
        villages: [
          v('510422211209', '韭菜坪村村民委员会', false),
          v('510422211200', '坪原村村民委员会', false),
          v('510422211207', '古德村村民委员会', false),
        ],
      },
    ],
  },
];

const square = (x: number, y: number, size: number) =>
  sql`ST_Multi(ST_MakeEnvelope(${x}, ${y}, ${x + size}, ${y + size}, 4326))`;

/** Insert the fixture into an empty, migrated database. */
export async function insertGeographyFixture(db: Db): Promise<void> {
  const exec = (q: ReturnType<typeof sql>) => db.execute(q);
  await exec(sql`insert into divisions (code, name, level, boundary, boundary_source)
    values ('510400000000', '攀枝花市', 'city', ${square(101.0, 26.0, 2)}, 'fixture')`);
  let vx = 0;
  let serial = 0;
  for (const county of FIXTURE) {
    await exec(sql`insert into divisions (code, parent_code, name, level, boundary, boundary_source)
      values (${county.code}, '510400000000', ${county.name}, 'county', ${square(101.0, 26.0, 2)}, 'fixture')`);
    for (const town of county.towns) {
      await exec(sql`insert into divisions (code, parent_code, name, level, boundary, boundary_source)
        values (${town.code}, ${county.code}, ${town.name}, 'town', ${square(101.0, 26.0, 2)}, 'fixture')`);
      for (const village of town.villages) {
        const x = 101.5 + (vx % 5) * 0.02;
        const y = 26.5 + Math.floor(vx / 5) * 0.02;
        vx++;
        await exec(sql`insert into divisions (code, parent_code, name, level, ur_code, centre, boundary, boundary_source)
          values (${village.code}, ${town.code}, ${village.name}, 'village', ${village.urban ? '111' : '220'},
            ST_SetSRID(ST_MakePoint(${x + 0.005}, ${y + 0.005}), 4326), ${square(x, y, 0.01)}, 'fixture')`);
        const grid = await db.execute(sql`insert into grids (code, name, village_code, boundary)
          values (${`${village.code}-G01`}, ${`${village.name}第1网格`}, ${village.code}, ${square(x, y, 0.01)})
          returning id`);
        const gridId = (grid as unknown as { rows: { id: number }[] }).rows[0]!.id;
        const uses = village.urban
          ? [
              'residential',
              'residential',
              'residential',
              'residential',
              'residential',
              'mixed',
              'public',
              'commercial',
            ]
          : ['rural_house', 'rural_house', 'rural_house', 'rural_house', 'rural_house', 'public'];
        for (let i = 0; i < uses.length; i++) {
          const bx = x + 0.001 + (i % 4) * 0.002;
          const by = y + 0.001 + Math.floor(i / 4) * 0.003;
          serial++;
          const use = uses[i]!;
          const b =
            await db.execute(sql`insert into buildings (code, grid_id, address, use, floors, footprint, centre)
            values (${`B${serial}`}, ${gridId}, ${`${village.name}${i + 1}号楼`}, ${use}::building_use,
              ${use === 'rural_house' ? 2 : 6}, ST_MakeEnvelope(${bx}, ${by}, ${bx + 0.0006}, ${by + 0.0006}, 4326),
              ST_SetSRID(ST_MakePoint(${bx + 0.0003}, ${by + 0.0003}), 4326)) returning id`);
          const buildingId = (b as unknown as { rows: { id: number }[] }).rows[0]!.id;
          const nHouseholds = use === 'residential' || use === 'mixed' ? 6 : use === 'rural_house' ? 1 : 0;
          for (let h = 0; h < nHouseholds; h++) {
            const hh = await db.execute(sql`insert into households (building_id, unit, size)
              values (${buildingId}, ${`1单元${h + 1}01`}, 3) returning id`);
            const householdId = (hh as unknown as { rows: { id: number }[] }).rows[0]!.id;
            await exec(sql`insert into persons (household_id, name, gender, birth_year, phone, is_head)
              values (${householdId}, ${`住户${serial}-${h}`}, 'F', 1970, ${`139${String(serial * 10 + h).padStart(8, '0')}`}, 1)`);
          }
        }
      }
    }
  }
}
