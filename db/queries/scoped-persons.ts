/**
 * Grids and the persons in them, as the caller may see them. Every query ANDs the policy's
 * `gridScope(viewer)` / `personScope(viewer)`. Masking is the verb's job (lib/grid).
 */
import { and, asc, eq } from 'drizzle-orm';
import { gridScope, personScope } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import type { DbOrTx } from '../client';
import { buildings, grids, households, persons } from '../schema';

type Viewer = Pick<AuthUser, 'id' | 'role' | 'jurisdiction'>;

/** A grid inside the viewer's jurisdiction, or null. */
export async function getScopedGrid(db: DbOrTx, params: { viewer: Viewer; gridId: number }) {
  const rows = await db
    .select({ id: grids.id, code: grids.code, name: grids.name, villageCode: grids.villageCode })
    .from(grids)
    .where(and(eq(grids.id, params.gridId), gridScope(params.viewer)))
    .limit(1);
  return rows[0] ?? null;
}

/** Persons living in a grid's buildings, limited to the viewer's jurisdiction; by building, unit. */
export async function listScopedGridPersons(db: DbOrTx, params: { viewer: Viewer; gridId: number }) {
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
    .where(and(eq(buildings.gridId, params.gridId), personScope(params.viewer)))
    .orderBy(asc(buildings.code), asc(households.unit), asc(persons.id));
}
