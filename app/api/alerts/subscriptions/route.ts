import { subscriptionInput } from '@/lib/alerts/alert-types';
import { listSubscriptions, subscribeToAlerts } from '@/lib/alerts/manage-subscriptions.server';
import { route } from '@/lib/http/route.server';

/** GET → the caller's subscriptions to surge alerts. */
export const GET = route({ auth: 'session', cacheControl: 'no-store' }, ({ db, user }) =>
  listSubscriptions(db, user),
);

/** POST {areaCode, categoryCode?} → subscribe to an area of one's division × a level-1 category (or all). */
export const POST = route({ auth: 'session', body: subscriptionInput }, async ({ db, user, body }) => {
  const result = await subscribeToAlerts(db, user, body);
  return Response.json({ subscription: { id: result.id } }, { status: result.created ? 201 : 200 });
});
