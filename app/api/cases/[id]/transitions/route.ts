import { connection } from 'next/server';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { requestMeta } from '@/lib/auth/request-meta';
import { toErrorResponse } from '@/lib/http/errors';
import { readJson } from '@/lib/http/read-request';
import { assertSameOrigin } from '@/lib/http/same-origin';
import { retrainIfDue } from '@/lib/triage/retrain-if-due.server';
import { transition } from '@/lib/workflow/transition.server';
import { COMPLAINT_STATUSES, VERBS } from '@/lib/workflow/transitions';

const paramsSchema = z.object({ id: z.coerce.number().int().positive() });
/** Staff verbs only: triage and close belong to the platform, rate to the resident. */
const bodySchema = z.object({
  verb: z.enum(VERBS).exclude(['triage', 'close', 'rate']),
  expectedStatus: z.enum(COMPLAINT_STATUSES),
  input: z.record(z.string(), z.unknown()).default({}),
});

/** POST {verb, expectedStatus, input} → apply one transition to the case; 409 when someone was faster. */
export async function POST(request: Request, context: { params: Promise<{ id: string }> }) {
  await connection();
  try {
    assertSameOrigin(request);
    const user = await requireCurrentUser();
    const { id } = paramsSchema.parse(await context.params);
    const body = bodySchema.parse(await readJson(request));
    const db = await getDb();
    const result = await transition(db, {
      complaintId: id,
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
    return Response.json({ result });
  } catch (error) {
    return toErrorResponse(error);
  }
}
