import { z } from 'zod';
import { unsubscribeFromAlerts } from '@/lib/alerts/manage-subscriptions.server';
import { route } from '@/lib/http/route.server';

const params = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

/** DELETE → remove one of the caller's subscriptions (another's answers 404). */
export const DELETE = route(
  { auth: 'session', params, paramsNotFound: 'No such subscription' },
  async ({ db, user, params }) => {
    await unsubscribeFromAlerts(db, user, params.id);
    return new Response(null, { status: 204 });
  },
);
