/** Users: the rows login and session resolution need. */
import { eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../client';
import { divisions, grids, offices, users } from '../schema';

/** The row the login verb checks. `lock` takes a row lock (inside a transaction) against racing attempts. */
export async function getUserForLogin(db: DbOrTx, params: { username: string; lock?: boolean }) {
  const query = db
    .select({
      id: users.id,
      username: users.username,
      passwordHash: users.passwordHash,
      failedLogins: users.failedLogins,
      lockedUntil: users.lockedUntil,
      lastFailedLoginAt: users.lastFailedLoginAt,
      disabledAt: users.disabledAt,
    })
    .from(users)
    .where(sql`lower(${users.username}) = lower(${params.username})`)
    .limit(1);
  const rows = params.lock ? await query.for('update') : await query;
  return rows[0] ?? null;
}

const userDivision = alias(divisions, 'user_division');
const officeDivision = alias(divisions, 'office_division');

/** A user with the names and levels of what they are bound to (for AuthUser). */
export async function getUserWithBindings(db: DbOrTx, params: { id: number }) {
  const rows = await db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      disabledAt: users.disabledAt,
      divisionCode: users.divisionCode,
      divisionLevel: userDivision.level,
      divisionName: userDivision.name,
      gridId: users.gridId,
      gridName: grids.name,
      officeId: users.officeId,
      officeName: offices.name,
      officeDivisionCode: offices.divisionCode,
      officeDivisionLevel: officeDivision.level,
    })
    .from(users)
    .leftJoin(userDivision, eq(userDivision.code, users.divisionCode))
    .leftJoin(grids, eq(grids.id, users.gridId))
    .leftJoin(offices, eq(offices.id, users.officeId))
    .leftJoin(officeDivision, eq(officeDivision.code, offices.divisionCode))
    .where(eq(users.id, params.id))
    .limit(1);
  return rows[0] ?? null;
}

export async function updateLoginCounters(
  db: DbOrTx,
  params: { id: number; failedLogins: number; lockedUntil: Date | null; lastFailedLoginAt: Date | null },
): Promise<void> {
  await db
    .update(users)
    .set({
      failedLogins: params.failedLogins,
      lockedUntil: params.lockedUntil,
      lastFailedLoginAt: params.lastFailedLoginAt,
    })
    .where(eq(users.id, params.id));
}

/** Reset the counters, stamp the login and, when given, store an upgraded password hash. */
export async function recordSuccessfulLogin(
  db: DbOrTx,
  params: { id: number; now: Date; newPasswordHash?: string },
): Promise<void> {
  await db
    .update(users)
    .set({
      failedLogins: 0,
      lockedUntil: null,
      lastFailedLoginAt: null,
      lastLoginAt: params.now,
      ...(params.newPasswordHash ? { passwordHash: params.newPasswordHash } : {}),
    })
    .where(eq(users.id, params.id));
}

export type NewUser = typeof users.$inferInsert;

/** Insert users (seed, admin screens, tests); returns their ids in order. */
export async function insertUsers(db: DbOrTx, params: { users: NewUser[] }): Promise<number[]> {
  if (params.users.length === 0) return [];
  const rows = await db.insert(users).values(params.users).returning({ id: users.id });
  return rows.map((r) => r.id);
}
