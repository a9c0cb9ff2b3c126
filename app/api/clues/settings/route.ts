import { connection } from 'next/server';
import { getDb } from '@/db/client';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { assertCan, can } from '@/lib/auth/policy';
import { requestMeta } from '@/lib/auth/request-meta';
import {
  getFacilityFindingSettings,
  setFacilityFindingSettings,
} from '@/lib/clues/facility-finding-settings.server';
import { toErrorResponse } from '@/lib/http/errors';
import { readJson } from '@/lib/http/read-request';
import { assertSameOrigin } from '@/lib/http/same-origin';

/** GET → the facility test's thresholds in force (admins who edit them, inspectors who read the findings). */
export async function GET() {
  await connection();
  try {
    const user = await requireCurrentUser();
    if (!can(user, 'config.manage')) assertCan(user, 'clue.manage');
    return Response.json({ settings: await getFacilityFindingSettings(await getDb()) });
  } catch (error) {
    return toErrorResponse(error);
  }
}

/** PUT {windowMonths, q, minFacilities, minPerFacility, minComplaints, minRatio, sparseBelow} → stored (admins). */
export async function PUT(request: Request) {
  await connection();
  try {
    assertSameOrigin(request);
    const user = await requireCurrentUser();
    const body = await readJson(request);
    return Response.json({
      settings: await setFacilityFindingSettings(await getDb(), user, body, { ip: requestMeta(request).ip }),
    });
  } catch (error) {
    return toErrorResponse(error);
  }
}
