import { connection } from 'next/server';
import { getDb } from '@/db/client';
import { toErrorResponse } from '@/lib/http/errors';
import { jsonResponse } from '@/lib/http/json-response';
import { enforceRate } from '@/lib/http/rate-store.server';
import { clientAddress, NO_STORE, readJsonBody } from '@/lib/intake/http';
import { INTAKE_RATE_RULES } from '@/lib/intake/rate-rules';
import { reopenComplaint } from '@/lib/intake/reopen-complaint.server';

/** POST {trackingCode, phoneLast4?, reason} → reopen after an unsatisfied rating; the updated timeline. */
export async function POST(request: Request) {
  await connection();
  try {
    const address = clientAddress(request);
    await enforceRate(`track:${address}`, INTAKE_RATE_RULES.trackPerAddress);
    const timeline = await reopenComplaint(await getDb(), await readJsonBody(request), { address });
    return jsonResponse({ complaint: timeline }, { headers: NO_STORE });
  } catch (error) {
    return toErrorResponse(error);
  }
}
