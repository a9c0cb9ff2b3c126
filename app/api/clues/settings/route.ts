import { z } from 'zod';
import { assertCan, can } from '@/lib/auth/policy';
import { requestMeta } from '@/lib/auth/request-meta';
import {
  getFacilityFindingSettings,
  setFacilityFindingSettings,
} from '@/lib/clues/facility-finding-settings.server';
import { route } from '@/lib/http/route.server';

/** GET → the facility test's thresholds in force (admins who edit them, inspectors who read the findings). */
export const GET = route({ auth: 'session' }, async ({ db, user }) => {
  if (!can(user, 'config.manage')) assertCan(user, 'clue.manage');
  return { settings: await getFacilityFindingSettings(db) };
});

/** PUT {windowMonths, q, minFacilities, minPerFacility, minComplaints, minRatio, sparseBelow} → stored (admins). */
export const PUT = route({ auth: 'session', body: z.unknown() }, async ({ db, user, body, request }) => ({
  settings: await setFacilityFindingSettings(db, user, body, { ip: requestMeta(request).ip }),
}));
