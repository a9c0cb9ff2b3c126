import { routingProbeInput } from '@/lib/admin/admin-input';
import { adminRoute } from '@/lib/admin/admin-route.server';
import { probeRouting } from '@/lib/admin/probe-routing.server';

/** "Test this point": what the routing engine would decide for a complaint here, and why (reads only). */
export async function POST(request: Request) {
  return adminRoute(request, 'config.manage', ({ db, user, body }) =>
    probeRouting(db, user, { input: routingProbeInput.parse(body) }),
  );
}
