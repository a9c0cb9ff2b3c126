import { z } from 'zod';
import { jsonResponse } from '@/lib/http/json-response';
import { route } from '@/lib/http/route.server';
import { clientAddress, NO_STORE } from '@/lib/intake/http';
import { INTAKE_RATE_RULES } from '@/lib/intake/rate-rules';
import { trackComplaint } from '@/lib/intake/track-complaint.server';

/** POST {trackingCode, phoneLast4?} → the public timeline (POST keeps the code out of URLs and logs). */
export const POST = route(
  {
    auth: 'public',
    sameOrigin: false,
    rate: { key: 'track', rule: INTAKE_RATE_RULES.trackPerAddress },
    body: z.unknown(),
    json: { requireType: true },
  },
  async ({ db, body, request }) => {
    const timeline = await trackComplaint(db, body, { address: clientAddress(request) });
    return jsonResponse({ complaint: timeline }, { headers: NO_STORE });
  },
);
