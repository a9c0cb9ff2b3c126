import { adminRoute } from '@/lib/admin/admin-route.server';
import { route } from '@/lib/http/route.server';
import { applyRoutingAmendment } from '@/lib/routing/apply-routing-amendment.server';
import { listRoutingAmendments } from '@/lib/routing/list-routing-amendments.server';
import { applyAmendmentInput } from '@/lib/routing/routing-amendment-types';

/**
 * GET → 权责规则修正 proposals for the caller's division: each category × town whose cases keep
 * bouncing, the office its bounced cases ended with, and a replay of the last 12 months (figures only).
 * Inspectors, leaders and admins.
 */
export const GET = route({ auth: 'session', cacheControl: 'no-store' }, ({ db, user }) =>
  listRoutingAmendments(db, { user, now: new Date() }),
);

/** POST {categoryCode, divisionCode, officeId, tiers} → apply the amendment to the routing table (admins, audited). */
export async function POST(request: Request) {
  return adminRoute(request, 'config.manage', ({ db, user, body, ip }) =>
    applyRoutingAmendment(db, { user, input: applyAmendmentInput.parse(body), ip, now: new Date() }),
  );
}
