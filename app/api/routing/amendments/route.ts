import { connection } from 'next/server';
import { getDb } from '@/db/client';
import { adminRoute } from '@/lib/admin/admin-route.server';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { toErrorResponse } from '@/lib/http/errors';
import { applyRoutingAmendment } from '@/lib/routing/apply-routing-amendment.server';
import { listRoutingAmendments } from '@/lib/routing/list-routing-amendments.server';
import { applyAmendmentInput } from '@/lib/routing/routing-amendment-types';

/**
 * GET → 权责规则修正 proposals for the caller's division: each category × town whose cases keep
 * bouncing, the office its bounced cases ended with, and a replay of the last 12 months (figures only).
 * Inspectors, leaders and admins.
 */
export async function GET() {
  await connection();
  try {
    const user = await requireCurrentUser();
    const body = await listRoutingAmendments(await getDb(), { user, now: new Date() });
    return Response.json(body, { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    return toErrorResponse(error);
  }
}

/** POST {categoryCode, divisionCode, officeId, tiers} → apply the amendment to the routing table (admins, audited). */
export async function POST(request: Request) {
  await connection();
  return adminRoute(request, 'config.manage', ({ db, user, body, ip }) =>
    applyRoutingAmendment(db, { user, input: applyAmendmentInput.parse(body), ip, now: new Date() }),
  );
}
