import { connection } from 'next/server';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { toErrorResponse } from '@/lib/http/errors';
import { searchBuildings } from '@/lib/map/get-building-panel.server';
import { searchParamsOf } from '@/lib/map/params';

const query = z.object({ q: z.string().max(100) });

/** GET ?q= → up to 10 buildings of the caller's jurisdiction whose address contains q. */
export async function GET(request: Request) {
  await connection();
  try {
    const user = await requireCurrentUser();
    const { q } = query.parse(searchParamsOf(request));
    return Response.json(await searchBuildings(await getDb(), { user, text: q }), {
      headers: { 'cache-control': 'private, no-store' },
    });
  } catch (error) {
    return toErrorResponse(error);
  }
}
