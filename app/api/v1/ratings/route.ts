import { z } from 'zod';
import { jsonResponse } from '@/lib/http/json-response';
import { route } from '@/lib/http/route.server';
import { clientAddress, NO_STORE } from '@/lib/intake/http';
import { rateComplaint } from '@/lib/intake/rate-complaint.server';
import { INTAKE_RATE_RULES } from '@/lib/intake/rate-rules';

/** POST {trackingCode, phoneLast4?, level, comment?} → rate a resolved complaint; the updated timeline. */
export const POST = route(
  {
    auth: 'public',
    sameOrigin: false,
    rate: { key: 'track', rule: INTAKE_RATE_RULES.trackPerAddress },
    body: z.unknown(),
    json: { requireType: true },
  },
  async ({ db, body, request }) => {
    const timeline = await rateComplaint(db, body, { address: clientAddress(request) });
    return jsonResponse({ complaint: timeline }, { status: 201, headers: NO_STORE });
  },
);
