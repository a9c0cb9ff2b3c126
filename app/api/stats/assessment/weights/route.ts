import { connection } from 'next/server';
import { getDb } from '@/db/client';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { assertCan, can } from '@/lib/auth/policy';
import { toErrorResponse } from '@/lib/http/errors';
import { readJson } from '@/lib/http/read-request';
import { assertSameOrigin } from '@/lib/http/same-origin';
import { getAssessmentWeights, setAssessmentWeights } from '@/lib/stats/assessment.server';

/** GET → the 三率 weights in force (admins, inspectors, leaders). */
export async function GET() {
  await connection();
  try {
    const user = await requireCurrentUser();
    if (!can(user, 'config.manage')) assertCan(user, 'stats.read');
    return Response.json({ weights: await getAssessmentWeights(await getDb()) });
  } catch (error) {
    return toErrorResponse(error);
  }
}

/** PUT {response, resolution, satisfaction} (each ≥ 0, summing to 100) → stored (admins). */
export async function PUT(request: Request) {
  await connection();
  try {
    assertSameOrigin(request);
    const user = await requireCurrentUser();
    const body = await readJson(request);
    return Response.json({ weights: await setAssessmentWeights(await getDb(), user, body) });
  } catch (error) {
    return toErrorResponse(error);
  }
}
