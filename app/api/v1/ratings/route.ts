import { connection } from 'next/server';
import { getDb } from '@/db/client';
import { toErrorResponse } from '@/lib/http/errors';
import { jsonResponse } from '@/lib/http/json-response';
import { enforceRate } from '@/lib/http/rate-store.server';
import { clientAddress, NO_STORE, readJsonBody } from '@/lib/intake/http';
import { rateComplaint } from '@/lib/intake/rate-complaint.server';
import { INTAKE_RATE_RULES } from '@/lib/intake/rate-rules';

/** POST {trackingCode, phoneLast4?, level, comment?} → rate a resolved complaint; the updated timeline. */
export async function POST(request: Request) {
  await connection();
  try {
    const address = clientAddress(request);
    await enforceRate(`track:${address}`, INTAKE_RATE_RULES.trackPerAddress);
    const timeline = await rateComplaint(await getDb(), await readJsonBody(request), { address });
    return jsonResponse({ complaint: timeline }, { status: 201, headers: NO_STORE });
  } catch (error) {
    return toErrorResponse(error);
  }
}
