import { z } from 'zod';
import { assertCan, can } from '@/lib/auth/policy';
import { route } from '@/lib/http/route.server';
import { getAssessmentWeights, setAssessmentWeights } from '@/lib/stats/assessment.server';

/** GET → the 三率 weights in force (admins, inspectors, leaders). */
export const GET = route({ auth: 'session' }, async ({ db, user }) => {
  if (!can(user, 'config.manage')) assertCan(user, 'stats.read');
  return { weights: await getAssessmentWeights(db) };
});

/** PUT {response, resolution, satisfaction} (each ≥ 0, summing to 100) → stored (admins). */
export const PUT = route({ auth: 'session', body: z.unknown() }, async ({ db, user, body }) => ({
  weights: await setAssessmentWeights(db, user, body),
}));
