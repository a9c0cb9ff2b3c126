import { connection } from 'next/server';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { toErrorResponse } from '@/lib/http/errors';

/** GET → 200 {user} for the signed-in user, 401 otherwise. */
export async function GET() {
  await connection();
  try {
    return Response.json(
      { user: await requireCurrentUser() },
      { headers: { 'cache-control': 'private, no-store' } },
    );
  } catch (error) {
    return toErrorResponse(error);
  }
}
