import { connection } from 'next/server';
import { getDb } from '@/db/client';
import { unsubscribeFromAlerts } from '@/lib/alerts/manage-subscriptions.server';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { AppError, toErrorResponse } from '@/lib/http/errors';
import { assertSameOrigin } from '@/lib/http/same-origin';

/** DELETE → remove one of the caller's subscriptions (another's answers 404). */
export async function DELETE(request: Request, context: { params: Promise<{ id: string }> }) {
  await connection();
  try {
    assertSameOrigin(request);
    const user = await requireCurrentUser();
    const id = Number((await context.params).id);
    if (!Number.isSafeInteger(id) || id <= 0) throw new AppError('NOT_FOUND', 'No such subscription');
    await unsubscribeFromAlerts(await getDb(), user, id);
    return new Response(null, { status: 204 });
  } catch (error) {
    return toErrorResponse(error);
  }
}
