import { connection } from 'next/server';
import { getDb } from '@/db/client';
import { subscriptionInput } from '@/lib/alerts/alert-types';
import { listSubscriptions, subscribeToAlerts } from '@/lib/alerts/manage-subscriptions.server';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { toErrorResponse } from '@/lib/http/errors';
import { readJson } from '@/lib/http/read-request';
import { assertSameOrigin } from '@/lib/http/same-origin';

/** GET → the caller's subscriptions to surge alerts. */
export async function GET() {
  await connection();
  try {
    const user = await requireCurrentUser();
    return Response.json(await listSubscriptions(await getDb(), user), {
      headers: { 'cache-control': 'no-store' },
    });
  } catch (error) {
    return toErrorResponse(error);
  }
}

/** POST {areaCode, categoryCode?} → subscribe to an area of one's division × a level-1 category (or all). */
export async function POST(request: Request) {
  await connection();
  try {
    assertSameOrigin(request);
    const user = await requireCurrentUser();
    const input = subscriptionInput.parse(await readJson(request));
    const result = await subscribeToAlerts(await getDb(), user, input);
    return Response.json({ subscription: { id: result.id } }, { status: result.created ? 201 : 200 });
  } catch (error) {
    return toErrorResponse(error);
  }
}
