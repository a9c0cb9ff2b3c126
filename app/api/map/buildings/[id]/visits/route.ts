import { z } from 'zod';
import { getDb } from '@/db/client';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { buildingVisitInput, recordBuildingVisit } from '@/lib/grid/record-building-visit.server';
import { toErrorResponse } from '@/lib/http/errors';
import { readJson } from '@/lib/http/read-request';
import { assertSameOrigin } from '@/lib/http/same-origin';

const paramsSchema = z.object({ id: z.coerce.number().int().positive() });

/** POST {method, outcome, note?, householdId?} → records a grid worker's visit to a building of their grid. */
export async function POST(request: Request, context: { params: Promise<{ id: string }> }) {
  try {
    assertSameOrigin(request);
    const user = await requireCurrentUser();
    const { id } = paramsSchema.parse(await context.params);
    const body = await readJson(request);
    const visit = buildingVisitInput.parse(body);
    const result = await recordBuildingVisit(await getDb(), { user, buildingId: id, visit, now: new Date() });
    return Response.json(result, { status: 201 });
  } catch (error) {
    return toErrorResponse(error);
  }
}
