import { z } from 'zod';
import { requestMeta } from '@/lib/auth/request-meta';
import { route } from '@/lib/http/route.server';
import { retrainIfDue } from '@/lib/triage/retrain-if-due.server';
import { transition } from '@/lib/workflow/transition.server';
import { COMPLAINT_STATUSES, VERBS } from '@/lib/workflow/transitions';

const params = z.object({ id: z.coerce.number().int().positive() });
/** Staff verbs only: triage and close belong to the platform, rate to the resident. */
const body = z.object({
  verb: z.enum(VERBS).exclude(['triage', 'close', 'rate']),
  expectedStatus: z.enum(COMPLAINT_STATUSES),
  input: z.record(z.string(), z.unknown()).default({}),
});

/** POST {verb, expectedStatus, input} → apply one transition to the case; 409 when someone was faster. */
export const POST = route({ auth: 'session', params, body }, async ({ db, user, params, body, request }) => {
  const result = await transition(db, {
    complaintId: params.id,
    verb: body.verb,
    actor: { kind: 'user', user },
    input: body.input as never,
    expectedStatus: body.expectedStatus,
    now: new Date(),
    ip: requestMeta(request).ip,
  });
  // Staff confirmations train the category suggester: retrain in the background when enough arrived.
  if (body.verb === 'recategorize' || body.verb === 'accept' || body.verb === 'dispatch') {
    retrainIfDue(db).catch((error: unknown) => console.error('triage retrain failed', error));
  }
  return { result };
});
