import { z } from 'zod';
import { createClueBody } from '@/lib/clues/clue-params';
import { CLUE_STATUSES } from '@/lib/clues/clue-workflow';
import type { ClueList } from '@/lib/clues/clues.types';
import { createClueFromFinding, listClues } from '@/lib/clues/manage-clues.server';
import { route } from '@/lib/http/route.server';

const listQuery = z.object({ status: z.enum(CLUE_STATUSES).optional() });

export const GET = route(
  { auth: 'session', query: listQuery, cacheControl: 'no-store' },
  async ({ db, user, query }): Promise<ClueList> => ({ clues: await listClues(db, user, query) }),
);

/** Turn a finding into a clue (the finding is recomputed on the server). */
export const POST = route({ auth: 'session', body: createClueBody, status: 201 }, ({ db, user, body }) =>
  createClueFromFinding(db, user, {
    findingKey: body.findingKey,
    window: { from: body.from, to: body.to },
    divisionCode: body.division,
    note: body.note,
  }),
);
