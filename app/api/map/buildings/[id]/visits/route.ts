import { z } from 'zod';
import { buildingVisitInput, recordBuildingVisit } from '@/lib/grid/record-building-visit.server';
import { route } from '@/lib/http/route.server';

const params = z.object({ id: z.coerce.number().int().positive() });

/** POST {method, outcome, note?, householdId?} → records a grid worker's visit to a building of their grid. */
export const POST = route(
  { auth: 'session', params, body: buildingVisitInput, status: 201 },
  ({ db, user, params, body }) =>
    recordBuildingVisit(db, { user, buildingId: params.id, visit: body, now: new Date() }),
);
