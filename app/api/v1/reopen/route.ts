import { z } from 'zod';
import { jsonResponse } from '@/lib/http/json-response';
import { route } from '@/lib/http/route.server';
import { clientAddress, NO_STORE } from '@/lib/intake/http';
import { INTAKE_RATE_RULES } from '@/lib/intake/rate-rules';
import { reopenComplaint } from '@/lib/intake/reopen-complaint.server';

/** POST {trackingCode, phoneLast4?, reason} → reopen after an unsatisfied rating; the updated timeline. */
export const POST = route(
  {
    auth: 'public',
    sameOrigin: false,
    rate: { key: 'track', rule: INTAKE_RATE_RULES.trackPerAddress },
    body: z.unknown(),
    json: { requireType: true },
  },
  async ({ db, body, request }) => {
    const timeline = await reopenComplaint(db, body, { address: clientAddress(request) });
    return jsonResponse({ complaint: timeline }, { headers: NO_STORE });
  },
);
