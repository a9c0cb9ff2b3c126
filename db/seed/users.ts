/**
 * Demo users, one or more per role, bound to real rows made by the earlier steps (divisions,
 * offices, grids). Every demo user has the password DEMO_PASSWORD; the table is in
 * docs/demo-users.md. The password is hashed once (argon2 is slow by design) and the hash reused.
 *
 * Offices are found by (kind, tier, division) and a name pattern, so the step does not depend on
 * office codes. A required row that is missing stops the seed with a message saying which.
 */
import { type SQL, sql } from 'drizzle-orm';
import { hashPassword } from '../../lib/auth/password';
import type { Db, DbOrTx } from '../client';
import { insertUsers, type NewUser } from '../queries/users';
import { queryRow } from '../sql';
import type { SeedContext } from './context';

export const DEMO_PASSWORD = 'Suqiu@2026';

type Role = NewUser['role'];

interface OfficeRow extends Record<string, unknown> {
  id: number;
  name: string;
  division_code: string;
}

async function divisionByName(db: DbOrTx, level: 'city' | 'county', name: string | null): Promise<string> {
  const row = await queryRow<{ code: string }>(
    db,
    sql`select code from divisions where level = ${level} ${name ? sql`and name = ${name}` : sql``}
        order by code limit 1`,
  );
  if (!row)
    throw new Error(
      `seedUsers: no ${level} division${name ? ` named ${name}` : ''}; run the geography step first`,
    );
  return row.code;
}

async function findOffice(
  db: DbOrTx,
  where: { kind: string; tier: string; division: SQL; namePattern?: string },
): Promise<OfficeRow | undefined> {
  return queryRow<OfficeRow>(
    db,
    sql`select id, name, division_code from offices
        where kind = ${where.kind} and tier = ${where.tier} and ${where.division}
        ${where.namePattern ? sql`and name ~ ${where.namePattern}` : sql``}
        order by division_code, id limit 1`,
  );
}

function required<T>(row: T | undefined, what: string): T {
  if (!row) throw new Error(`seedUsers: missing ${what}; the offices/geography steps must create it first`);
  return row;
}

export interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
  divisionCode?: string | null;
  officeId?: number | null;
  gridId?: number | null;
  /** Where the user is bound, for the log. */
  boundTo: string;
}

/** Look up the rows the demo users are bound to and describe the users (no writes). */
export async function planDemoUsers(db: DbOrTx): Promise<DemoUser[]> {
  const city = await divisionByName(db, 'city', null);
  const xiqu = await divisionByName(db, 'county', '西区');
  const dongqu = await divisionByName(db, 'county', '东区');
  const miyi = await divisionByName(db, 'county', '米易县');
  const yanbian = await divisionByName(db, 'county', '盐边县');

  const xiquDiscipline = required(
    await findOffice(db, {
      kind: 'discipline',
      tier: 'county',
      division: sql`division_code = ${xiqu}`,
    }),
    '西区纪委监委 (office kind=discipline, tier=county, division 西区)',
  );
  const xiquHealth = required(
    await findOffice(db, {
      kind: 'department',
      tier: 'county',
      division: sql`division_code = ${xiqu}`,
      namePattern: '卫生健康|卫健',
    }),
    '西区卫生健康局 (office kind=department, tier=county, division 西区, name ~ 卫生健康|卫健)',
  );
  const yanbianTownGov = required(
    await findOffice(db, {
      kind: 'government',
      tier: 'town',
      division: sql`division_code in (select code from divisions where parent_code = ${yanbian})`,
    }),
    'a town government of 盐边县 (office kind=government, tier=town, division a town of 盐边县)',
  );
  const dongquGrid = required(
    await queryRow<{ id: number; name: string }>(
      db,
      sql`select g.id, g.name from grids g
          join divisions v on v.code = g.village_code
          join divisions t on t.code = v.parent_code
          where t.parent_code = ${dongqu}
          order by (select count(*) from buildings b where b.grid_id = g.id) desc, g.code limit 1`,
    ),
    'a grid in 东区 (grids → village → town → 东区; the one with most buildings)',
  );
  const miyiDiscipline = await findOffice(db, {
    kind: 'discipline',
    tier: 'county',
    division: sql`division_code = ${miyi}`,
  });

  const plan: DemoUser[] = [
    {
      username: 'inspector.xiqu',
      displayName: '李明华',
      role: 'inspector',
      divisionCode: xiqu,
      officeId: xiquDiscipline.id,
      boundTo: `${xiquDiscipline.name} (${xiqu})`,
    },
    {
      username: 'handler.xiqu.health',
      displayName: '张卫东',
      role: 'handler',
      divisionCode: xiquHealth.division_code,
      officeId: xiquHealth.id,
      boundTo: xiquHealth.name,
    },
    {
      username: 'handler.yanbian.town',
      displayName: '杨秀英',
      role: 'handler',
      divisionCode: yanbianTownGov.division_code,
      officeId: yanbianTownGov.id,
      boundTo: yanbianTownGov.name,
    },
    {
      username: 'grid.dongqu',
      displayName: '陈小燕',
      role: 'grid_worker',
      gridId: dongquGrid.id,
      boundTo: dongquGrid.name,
    },
    {
      username: 'leader.city',
      displayName: '刘国强',
      role: 'leader',
      divisionCode: city,
      boundTo: `city ${city}`,
    },
    {
      username: 'leader.miyi',
      displayName: '赵志刚',
      role: 'leader',
      divisionCode: miyi,
      boundTo: `米易县 ${miyi}`,
    },
    {
      username: 'admin',
      displayName: '系统管理员',
      role: 'admin',
      divisionCode: city,
      boundTo: `city ${city}`,
    },
  ];
  if (miyiDiscipline) {
    plan.splice(1, 0, {
      username: 'inspector.miyi',
      displayName: '周文静',
      role: 'inspector',
      divisionCode: miyi,
      officeId: miyiDiscipline.id,
      boundTo: `${miyiDiscipline.name} (${miyi})`,
    });
  }
  return plan;
}

export async function seedUsers(db: Db, ctx: Pick<SeedContext, 'log'>): Promise<void> {
  const plan = await planDemoUsers(db);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    await insertUsers(tx, {
      users: plan.map((u) => ({
        username: u.username,
        displayName: u.displayName,
        role: u.role,
        passwordHash,
        divisionCode: u.divisionCode ?? null,
        officeId: u.officeId ?? null,
        gridId: u.gridId ?? null,
      })),
    });
  });
  for (const u of plan) ctx.log(`seed: user ${u.username} (${u.role}) → ${u.boundTo}`);
}
