/**
 * A small world for workflow tests: the seed's taxonomy, its 3-county geography fixture and its
 * offices and routing table, plus one user per role and a helper that inserts a case in any status.
 */
import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '@/db/client';
import { insertGeographyFixture } from '@/db/seed/complaints/test-fixture';
import { createRng, type SeedContext } from '@/db/seed/context';
import { defaultSeedOptions } from '@/db/seed/index';
import { seedOffices } from '@/db/seed/organisation';
import { seedTaxonomy } from '@/db/seed/taxonomy';
import { queryRow } from '@/db/sql';
import type { AuthUser, Role } from '@/lib/auth/types';
import type { ComplaintStatus } from '../transitions';

export const XIQU = '510403000000';
export const XIQU_TOWN = '510403001000';
export const XIQU_VILLAGE = '510403001001';
export const DONGQU = '510402000000';
export const JIUCAIPING = '510422211209';

export interface WorkflowWorld {
  offices: Record<'health' | 'water' | 'xiquGov' | 'townGov' | 'dongquHealth', number>;
  users: Record<
    | 'handler'
    | 'handler2'
    | 'waterHandler'
    | 'otherHandler'
    | 'inspector'
    | 'otherInspector'
    | 'grid'
    | 'leader'
    | 'admin',
    AuthUser
  >;
}

async function officeId(db: DbOrTx, code: string): Promise<number> {
  const row = await queryRow<{ id: number }>(db, sql`select id from offices where code = ${code}`);
  if (!row) throw new Error(`no office ${code}`);
  return row.id;
}

async function user(
  db: DbOrTx,
  username: string,
  role: Role,
  binding: { officeId?: number; divisionCode?: string; gridId?: number },
  jurisdiction: AuthUser['jurisdiction'],
): Promise<AuthUser> {
  const row = await queryRow<{ id: number }>(
    db,
    sql`insert into users (username, display_name, password_hash, role, office_id, division_code, grid_id)
        values (${username}, ${username}, 'x', ${role}::role, ${binding.officeId ?? null}, ${binding.divisionCode ?? null}, ${binding.gridId ?? null})
        returning id`,
  );
  return { id: row!.id, username, displayName: username, role, jurisdiction, jurisdictionName: null };
}

export async function buildWorkflowWorld(db: Db): Promise<WorkflowWorld> {
  const ctx: SeedContext = {
    ...defaultSeedOptions({
      log: () => {},
      complaints: 0,
      now: new Date('2026-03-01T02:00:00Z'),
      months: 12,
    }),
    rng: createRng(7),
  };
  await seedTaxonomy(db, ctx);
  await insertGeographyFixture(db);
  await seedOffices(db, { ...ctx, rng: createRng('offices') });
  const offices = {
    health: await officeId(db, `${XIQU}-WJJ`),
    water: await officeId(db, `${XIQU}-SLJ`),
    xiquGov: await officeId(db, `${XIQU}-GOV`),
    townGov: await officeId(db, `${XIQU_TOWN}-GOV`),
    dongquHealth: await officeId(db, `${DONGQU}-WJJ`),
  };
  const grid = await queryRow<{ id: number }>(
    db,
    sql`select id from grids where village_code = ${XIQU_VILLAGE}`,
  );
  const office = (id: number) =>
    ({ kind: 'office', officeId: id, divisionCode: XIQU, divisionLevel: 'county' }) as const;
  const users = {
    handler: await user(db, 'h1', 'handler', { officeId: offices.health }, office(offices.health)),
    handler2: await user(db, 'h2', 'handler', { officeId: offices.health }, office(offices.health)),
    waterHandler: await user(db, 'hw', 'handler', { officeId: offices.water }, office(offices.water)),
    otherHandler: await user(
      db,
      'hd',
      'handler',
      { officeId: offices.dongquHealth },
      {
        kind: 'office',
        officeId: offices.dongquHealth,
        divisionCode: DONGQU,
        divisionLevel: 'county',
      },
    ),
    inspector: await user(
      db,
      'i1',
      'inspector',
      { divisionCode: XIQU },
      {
        kind: 'division',
        divisionCode: XIQU,
        divisionLevel: 'county',
      },
    ),
    otherInspector: await user(
      db,
      'i2',
      'inspector',
      { divisionCode: DONGQU },
      {
        kind: 'division',
        divisionCode: DONGQU,
        divisionLevel: 'county',
      },
    ),
    grid: await user(db, 'g1', 'grid_worker', { gridId: grid!.id }, { kind: 'grid', gridId: grid!.id }),
    leader: await user(
      db,
      'l1',
      'leader',
      { divisionCode: XIQU },
      {
        kind: 'division',
        divisionCode: XIQU,
        divisionLevel: 'county',
      },
    ),
    admin: await user(
      db,
      'a1',
      'admin',
      { divisionCode: XIQU },
      {
        kind: 'division',
        divisionCode: XIQU,
        divisionLevel: 'county',
      },
    ),
  };
  return { offices, users };
}

let serial = 0;

/** Insert a case in 西区's first village (inside its grid) in any status, with the 'submitted' event. */
export async function insertCase(
  db: DbOrTx,
  params: {
    status: ComplaintStatus;
    officeId?: number | null;
    coOfficeIds?: number[];
    title?: string;
    description?: string;
    categoryCode?: string | null;
    villageCode?: string;
    /** [lng, lat]; default: the village centre. */
    at?: [number, number];
    submittedAt?: Date;
  },
): Promise<number> {
  serial++;
  const village = params.villageCode ?? XIQU_VILLAGE;
  const point = params.at
    ? sql`ST_SetSRID(ST_MakePoint(${params.at[0]}, ${params.at[1]}), 4326)`
    : sql`(select centre from divisions where code = ${village})`;
  const row = await queryRow<{ id: number }>(
    db,
    sql`insert into complaints (tracking_code, channel, title, description, category_code, urgency_code, location,
          county_code, town_code, village_code, grid_id, status, responsible_office_id, co_office_ids, submitted_at)
        select ${`T${String(serial).padStart(7, '0')}${Math.random().toString(36).slice(2, 6)}`}, 'web',
          ${params.title ?? '卫生院药品价格贵'}, ${params.description ?? '社区卫生服务中心的药比外面药店贵很多。'},
          ${params.categoryCode === undefined ? 'WJ01' : params.categoryCode}, 'normal', ${point},
          t.parent_code, v.parent_code, v.code, (select id from grids g where g.village_code = v.code limit 1),
          ${params.status}::complaint_status, ${params.officeId ?? null},
          ${sql.raw(`'{${(params.coOfficeIds ?? []).join(',')}}'::integer[]`)},
          ${(params.submittedAt ?? new Date('2026-03-02T02:00:00Z')).toISOString()}::timestamptz
        from divisions v join divisions t on t.code = v.parent_code where v.code = ${village}
        returning id`,
  );
  if (!row) throw new Error(`no village ${village}`);
  await db.execute(
    sql`insert into complaint_events (complaint_id, type, to_status, public) values (${row.id}, 'submitted', 'received', true)`,
  );
  return Number(row.id);
}
