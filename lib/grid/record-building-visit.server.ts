import 'server-only';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { getScopedBuilding, insertBuildingVisit } from '@/db/queries/map-panels';
import { AUDIT } from '@/lib/audit/actions';
import { writeAudit } from '@/lib/audit/write-audit.server';
import { assertCan, buildingScope, canReadPersonsUnmasked } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { AppError } from '@/lib/http/errors';

export const buildingVisitInput = z.object({
  method: z.enum(['phone', 'in_person', 'meeting']),
  outcome: z.string().trim().min(1).max(200),
  note: z.string().trim().max(2000).nullish(),
  householdId: z.number().int().positive().nullish(),
});

/**
 * 回访 to a building (not to a case): a grid worker records a visit to a building of their own
 * grid from the map's building panel. Other grids → NOT_FOUND; other roles → FORBIDDEN.
 */
export async function recordBuildingVisit(
  db: DbOrTx,
  input: { user: AuthUser; buildingId: number; visit: z.infer<typeof buildingVisitInput>; now: Date },
) {
  assertCan(input.user, 'building.visit');
  const building = await getScopedBuilding(db, { id: input.buildingId, scope: buildingScope(input.user) });
  if (!building || !canReadPersonsUnmasked(input.user, building.gridId))
    throw new AppError('NOT_FOUND', 'Building not found');
  return db.transaction(async (tx) => {
    const id = await insertBuildingVisit(tx, {
      buildingId: building.id,
      householdId: input.visit.householdId ?? null,
      userId: input.user.id,
      method: input.visit.method,
      outcome: input.visit.outcome,
      note: input.visit.note ?? null,
      at: input.now,
    });
    await writeAudit(tx, {
      actorUserId: input.user.id,
      action: AUDIT.visitRecord,
      targetType: 'building',
      targetId: building.id,
      data: { buildingVisitId: id, method: input.visit.method },
      at: input.now,
    });
    return { id };
  });
}
