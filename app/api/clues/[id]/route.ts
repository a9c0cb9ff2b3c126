import { z } from 'zod';
import { getDb } from '@/db/client';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { getClue } from '@/lib/clues/manage-clues.server';
import { toErrorResponse } from '@/lib/http/errors';

const idParam = z.coerce.number().int().positive();

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const id = idParam.parse((await params).id);
    const user = await requireCurrentUser();
    return Response.json(await getClue(await getDb(), user, id), {
      headers: { 'cache-control': 'no-store' },
    });
  } catch (error) {
    return toErrorResponse(error);
  }
}
