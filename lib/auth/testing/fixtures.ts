/**
 * A small city for auth and jurisdiction tests: real names and code shapes, toy geometry.
 *
 * 攀枝花市 ─ 西区 ─ 清香坪街道 ─ 西区村一 ─ grid G-XQ (building, household, 2 persons)
 *          ─ 东区 ─ 大渡口街道 ─ 东区社区一 ─ grid G-DQ (building, household, 1 person)
 *          ─ 米易县, 盐边县 ─ 桐子林镇 ─ 桐子林村
 * Offices: 西区纪委监委, 西区卫生健康局, 西区水利局, 东区纪委监委, 东区卫生健康局, 桐子林镇人民政府.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { queryRow } from '@/db/sql';
import type { AuthUser, DivisionLevel } from '../types';

export const CODES = {
  city: '510400000000',
  xiqu: '510403000000',
  dongqu: '510402000000',
  miyi: '510421000000',
  yanbian: '510422000000',
  xiquTown: '510403001000',
  dongquTown: '510402001000',
  yanbianTown: '510422100000',
  xiquVillage: '510403001001',
  dongquVillage: '510402001001',
  yanbianVillage: '510422100001',
} as const;

const box = (x: number, y: number) =>
  sql`ST_Multi(ST_MakeEnvelope(${x}, ${y}, ${x + 0.01}, ${y + 0.01}, 4326))`;

export interface Fixtures {
  offices: {
    xiquDiscipline: number;
    xiquHealth: number;
    xiquWater: number;
    dongquDiscipline: number;
    dongquHealth: number;
    yanbianTownGov: number;
  };
  grids: { xiqu: number; dongqu: number };
  persons: { xiqu: number[]; dongqu: number[] };
}

async function id(db: DbOrTx, query: ReturnType<typeof sql>): Promise<number> {
  const row = await queryRow<{ id: number }>(db, query);
  if (!row) throw new Error('fixture insert returned nothing');
  return Number(row.id);
}

/** Divisions, offices and grids (what the seed's earlier steps make). */
export async function insertGeographyAndOffices(db: DbOrTx): Promise<Pick<Fixtures, 'offices' | 'grids'>> {
  const divisions: [string, string | null, string, string, number, number][] = [
    [CODES.city, null, '攀枝花市', 'city', 101.7, 26.5],
    [CODES.xiqu, CODES.city, '西区', 'county', 101.6, 26.6],
    [CODES.dongqu, CODES.city, '东区', 'county', 101.7, 26.6],
    [CODES.miyi, CODES.city, '米易县', 'county', 102.1, 26.9],
    [CODES.yanbian, CODES.city, '盐边县', 'county', 101.8, 26.7],
    [CODES.xiquTown, CODES.xiqu, '清香坪街道', 'town', 101.6, 26.6],
    [CODES.dongquTown, CODES.dongqu, '大渡口街道', 'town', 101.7, 26.6],
    [CODES.yanbianTown, CODES.yanbian, '桐子林镇', 'town', 101.8, 26.7],
    [CODES.xiquVillage, CODES.xiquTown, '西区社区一', 'village', 101.6, 26.6],
    [CODES.dongquVillage, CODES.dongquTown, '东区社区一', 'village', 101.7, 26.6],
    [CODES.yanbianVillage, CODES.yanbianTown, '桐子林村', 'village', 101.8, 26.7],
  ];
  for (const [code, parent, name, level, x, y] of divisions) {
    await db.execute(sql`insert into divisions (code, parent_code, name, level, boundary, boundary_source)
      values (${code}, ${parent}, ${name}, ${level}, ${box(x, y)}, 'synthesised')`);
  }
  const office = (code: string, name: string, kind: string, tier: string, division: string) =>
    id(
      db,
      sql`insert into offices (code, name, kind, tier, division_code)
          values (${code}, ${name}, ${kind}, ${tier}, ${division}) returning id`,
    );
  const offices = {
    xiquDiscipline: await office('XQ-JW', '西区纪委监委', 'discipline', 'county', CODES.xiqu),
    xiquHealth: await office('XQ-WJ', '西区卫生健康局', 'department', 'county', CODES.xiqu),
    xiquWater: await office('XQ-SL', '西区水利局', 'department', 'county', CODES.xiqu),
    dongquDiscipline: await office('DQ-JW', '东区纪委监委', 'discipline', 'county', CODES.dongqu),
    dongquHealth: await office('DQ-WJ', '东区卫生健康局', 'department', 'county', CODES.dongqu),
    yanbianTownGov: await office('YB-TZL', '桐子林镇人民政府', 'government', 'town', CODES.yanbianTown),
  };
  const grid = (code: string, name: string, village: string, x: number, y: number) =>
    id(
      db,
      sql`insert into grids (code, name, village_code, boundary)
          values (${code}, ${name}, ${village}, ${box(x, y)}) returning id`,
    );
  const grids = {
    xiqu: await grid('G-XQ', '西区社区一第1网格', CODES.xiquVillage, 101.6, 26.6),
    dongqu: await grid('G-DQ', '东区社区一第1网格', CODES.dongquVillage, 101.7, 26.6),
  };
  return { offices, grids };
}

/** Everything: geography, offices, and a building, household and persons in each grid. */
export async function insertFixtures(db: DbOrTx): Promise<Fixtures> {
  const base = await insertGeographyAndOffices(db);
  const people = async (gridId: number, code: string, names: [string, string][]) => {
    const buildingId = await id(
      db,
      sql`insert into buildings (code, grid_id, address, use, floors, footprint, centre)
          values (${code}, ${gridId}, ${`${code} 号楼`}, 'residential', 6,
            ST_MakeEnvelope(101.6, 26.6, 101.6001, 26.6001, 4326), ST_SetSRID(ST_MakePoint(101.60005, 26.60005), 4326))
          returning id`,
    );
    const householdId = await id(
      db,
      sql`insert into households (building_id, unit, size) values (${buildingId}, '1单元101', ${names.length}) returning id`,
    );
    const ids: number[] = [];
    for (const [name, phone] of names) {
      ids.push(
        await id(
          db,
          sql`insert into persons (household_id, name, gender, birth_year, phone)
              values (${householdId}, ${name}, 'F', 1980, ${phone}) returning id`,
        ),
      );
    }
    return ids;
  };
  const persons = {
    xiqu: await people(base.grids.xiqu, 'B-XQ-1', [
      ['王芳', '13812345678'],
      ['欧阳娜娜', '13987654321'],
    ]),
    dongqu: await people(base.grids.dongqu, 'B-DQ-1', [['李强', '13600001111']]),
  };
  return { ...base, persons };
}

export interface ComplaintFixture {
  code: string;
  kind?: 'complaint' | 'misconduct';
  county: string;
  town?: string | null;
  village?: string | null;
  gridId?: number | null;
  officeId?: number | null;
  coOfficeIds?: number[];
  contact?: { name: string; phone: string };
}

export async function insertComplaint(db: DbOrTx, c: ComplaintFixture): Promise<number> {
  const complaintId = await id(
    db,
    sql`insert into complaints (tracking_code, kind, channel, title, description, location,
          county_code, town_code, village_code, grid_id, responsible_office_id, co_office_ids)
        values (${c.code}, ${c.kind ?? 'complaint'}, 'web', ${`诉求 ${c.code}`}, '描述',
          ST_SetSRID(ST_MakePoint(101.6, 26.6), 4326), ${c.county}, ${c.town ?? null}, ${c.village ?? null},
          ${c.gridId ?? null}, ${c.officeId ?? null},
          ${sql.param(c.coOfficeIds ?? [])}::integer[])
        returning id`,
  );
  if (c.contact) {
    await db.execute(sql`insert into complaint_contacts (complaint_id, name, phone, phone_last4)
      values (${complaintId}, ${c.contact.name}, ${c.contact.phone}, ${c.contact.phone.slice(-4)})`);
  }
  return complaintId;
}

/** A signed-in staff member bound to a division (a leader's or inspector's jurisdiction), for reads. */
export function divisionUser(role: 'leader' | 'inspector', code: string, level: DivisionLevel): AuthUser {
  return {
    id: 900,
    username: role,
    displayName: role,
    role,
    jurisdiction: { kind: 'division', divisionCode: code, divisionLevel: level },
    jurisdictionName: null,
  };
}
