import 'server-only';
import type { DbOrTx } from '@/db/client';
import {
  getScopedBuilding,
  listBuildingComplaints,
  listBuildingFacilities,
  listBuildingHouseholds,
  listBuildingVisits,
  searchScopedBuildings,
} from '@/db/queries/map-panels';
import { AUDIT } from '@/lib/audit/actions';
import { writeAudit } from '@/lib/audit/write-audit.server';
import { maskName, maskPhone } from '@/lib/auth/mask';
import {
  assertCan,
  buildingScope,
  can,
  canReadPersonsUnmasked,
  complaintMapScope,
  personScope,
} from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { AppError } from '@/lib/http/errors';
import type { BuildingPanel, BuildingSearch, PanelHousehold } from './map.types';

/**
 * 户入楼: one building with its households (persons masked unless the caller is the grid's own
 * worker; none for roles without `person.read`), its complaints, facilities and recent visits.
 * Out of jurisdiction → NOT_FOUND.
 */
export async function getBuildingPanel(
  db: DbOrTx,
  input: { user: AuthUser; buildingId: number; now: Date; ip?: string | null },
): Promise<BuildingPanel> {
  assertCan(input.user, 'building.read');
  const building = await getScopedBuilding(db, { id: input.buildingId, scope: buildingScope(input.user) });
  if (!building) throw new AppError('NOT_FOUND', 'Building not found');
  const unmasked = canReadPersonsUnmasked(input.user, building.gridId);
  const [rows, complaints, facilities, visits] = await Promise.all([
    listBuildingHouseholds(db, { buildingId: building.id, personScope: personScope(input.user) }),
    listBuildingComplaints(db, {
      buildingId: building.id,
      scope: complaintMapScope(input.user),
      now: input.now,
    }),
    listBuildingFacilities(db, { buildingId: building.id }),
    listBuildingVisits(db, { buildingId: building.id }),
  ]);
  const households = new Map<number, PanelHousehold>();
  for (const r of rows) {
    let h = households.get(r.householdId);
    if (!h) {
      h = { id: r.householdId, unit: r.unit, size: r.size, persons: [] };
      households.set(r.householdId, h);
    }
    if (r.personId !== null && r.name !== null)
      h.persons.push({
        name: unmasked ? r.name : maskName(r.name),
        gender: r.gender ?? '',
        birthYear: r.birthYear ?? 0,
        phone: unmasked ? r.phone : maskPhone(r.phone),
        isHead: r.isHead === 1,
      });
  }
  // The grid worker's unmasked view of the building's residents is on the record.
  const shown = rows.filter((r) => r.personId !== null).length;
  if (unmasked && shown > 0) {
    await writeAudit(db, {
      actorUserId: input.user.id,
      action: AUDIT.personUnmask,
      targetType: 'building',
      targetId: building.id,
      data: { persons: shown },
      ip: input.ip ?? null,
      at: input.now,
    });
  }
  return {
    building,
    personsVisible: can(input.user, 'person.read'),
    masked: !unmasked,
    canVisit: can(input.user, 'building.visit') && unmasked,
    households: [...households.values()],
    complaints,
    facilities,
    visits,
  };
}

/** Buildings by address inside the caller's jurisdiction (at most 10). */
export async function searchBuildings(
  db: DbOrTx,
  input: { user: AuthUser; text: string },
): Promise<BuildingSearch> {
  assertCan(input.user, 'building.read');
  const text = input.text.trim();
  if (text.length < 1) return { buildings: [] };
  return {
    buildings: await searchScopedBuildings(db, { text, scope: buildingScope(input.user), limit: 10 }),
  };
}
