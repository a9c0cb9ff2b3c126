/**
 * Grids and the persons in them, as the caller may see them. Every query ANDs the `scope` its verb
 * passes (the policy's `gridScope(viewer)` / `personScope(viewer)`). Masking is the verb's job (lib/grid).
 */
import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { buildings, grids, households, persons } from '../schema';

/** A grid inside `scope` (on `grids`), or null. */
export async function getScopedGrid(db: DbOrTx, params: { scope: SQL; gridId: number }) {
  const rows = await db
    .select({ id: grids.id, code: grids.code, name: grids.name, villageCode: grids.villageCode })
    .from(grids)
    .where(and(eq(grids.id, params.gridId), params.scope))
    .limit(1);
  return rows[0] ?? null;
}

/** Persons living in a grid's buildings, limited to `scope` (on `persons`); by building, unit. */
export async function listScopedGridPersons(db: DbOrTx, params: { scope: SQL; gridId: number }) {
  return db
    .select({
      id: persons.id,
      name: persons.name,
      gender: persons.gender,
      birthYear: persons.birthYear,
      phone: persons.phone,
      isHead: persons.isHead,
      householdId: households.id,
      unit: households.unit,
      buildingId: buildings.id,
      buildingAddress: buildings.address,
    })
    .from(persons)
    .innerJoin(households, eq(households.id, persons.householdId))
    .innerJoin(buildings, eq(buildings.id, households.buildingId))
    .where(and(eq(buildings.gridId, params.gridId), params.scope))
    .orderBy(asc(buildings.code), asc(households.unit), asc(persons.id));
}
