import { z } from 'zod';
import { getCurrentUser } from '@/lib/auth/current-user.server';
import { can } from '@/lib/auth/policy';
import { jsonResponse } from '@/lib/http/json-response';
import { enforceRate } from '@/lib/http/rate-store.server';
import { route } from '@/lib/http/route.server';
import { isSameOrigin } from '@/lib/http/same-origin';
import { NO_STORE } from '@/lib/intake/http';
import { INTAKE_RATE_RULES } from '@/lib/intake/rate-rules';
import { submitComplaint } from '@/lib/intake/submit-complaint.server';

/**
 * POST → submit a complaint (群众诉求) or a misconduct report. 201 with the tracking code; 200 with
 * the same complaint when an `Idempotency-Key` (header or body) was already used with this body.
 * A signed-in grid worker's session (same-origin only) marks the report as made on behalf of a resident.
 */
export const POST = route(
  {
    auth: 'public',
    sameOrigin: false,
    rate: { key: 'submit', rule: INTAKE_RATE_RULES.submitPerAddress },
    body: z.unknown(),
    json: { requireType: true },
  },
  async ({ db, body, request }) => {
    const headerKey = request.headers.get('idempotency-key');
    const input =
      headerKey && body && typeof body === 'object' && !Array.isArray(body) && !('idempotencyKey' in body)
        ? { ...body, idempotencyKey: headerKey }
        : body;
    const phone = (input as { contact?: { phone?: unknown } } | null)?.contact?.phone;
    if (typeof phone === 'string') {
      await enforceRate(`submit-phone:${phone.replace(/\D/g, '')}`, INTAKE_RATE_RULES.submitPerPhone);
    }
    const user = isSameOrigin(request) ? await getCurrentUser() : null;
    const onBehalfUserId = user && can(user, 'complaint.reportOnBehalf') ? user.id : null;
    const result = await submitComplaint(db, input, { onBehalfUserId });
    return jsonResponse(
      {
        complaint: {
          trackingCode: result.trackingCode,
          status: result.status,
          kind: result.kind,
          submittedAt: result.submittedAt.toISOString(),
        },
        created: result.created,
      },
      { status: result.created ? 201 : 200, headers: NO_STORE },
    );
  },
);
