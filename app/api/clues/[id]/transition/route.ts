import { z } from 'zod';
import { getDb } from '@/db/client';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { moveClueBody } from '@/lib/clues/clue-params';
import { moveClue } from '@/lib/clues/manage-clues.server';
import { toErrorResponse } from '@/lib/http/errors';
import { readJson } from '@/lib/http/read-request';
import { assertSameOrigin } from '@/lib/http/same-origin';

const idParam = z.coerce.number().int().positive();

/** Move a clue through 待评估 → 初核 → 立案 / 了结, with a note. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    assertSameOrigin(request);
    const id = idParam.parse((await params).id);
    const user = await requireCurrentUser();
    const body = moveClueBody.parse(await readJson(request));
    return Response.json(await moveClue(await getDb(), user, { id, ...body }));
  } catch (error) {
    return toErrorResponse(error);
  }
}
