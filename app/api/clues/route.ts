import { z } from 'zod';
import { getDb } from '@/db/client';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { createClueBody } from '@/lib/clues/clue-params';
import { CLUE_STATUSES } from '@/lib/clues/clue-workflow';
import { createClueFromFinding, listClues } from '@/lib/clues/manage-clues.server';
import { toErrorResponse } from '@/lib/http/errors';
import { readJson } from '@/lib/http/read-request';
import { assertSameOrigin } from '@/lib/http/same-origin';
import { searchParamsOf } from '@/lib/map/params';

const listQuery = z.object({ status: z.enum(CLUE_STATUSES).optional() });

export async function GET(request: Request) {
  try {
    const q = listQuery.parse(searchParamsOf(request));
    const user = await requireCurrentUser();
    return Response.json(
      { clues: await listClues(await getDb(), user, q) },
      { headers: { 'cache-control': 'no-store' } },
    );
  } catch (error) {
    return toErrorResponse(error);
  }
}

/** Turn a finding into a clue (the finding is recomputed on the server). */
export async function POST(request: Request) {
  try {
    assertSameOrigin(request);
    const user = await requireCurrentUser();
    const body = createClueBody.parse(await readJson(request));
    const created = await createClueFromFinding(await getDb(), user, {
      findingKey: body.findingKey,
      window: { from: body.from, to: body.to },
      divisionCode: body.division,
      note: body.note,
    });
    return Response.json(created, { status: 201 });
  } catch (error) {
    return toErrorResponse(error);
  }
}
