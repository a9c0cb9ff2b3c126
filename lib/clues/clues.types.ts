/**
 * The contract of `GET /api/clues` and `GET /api/clues/[id]`: shared by the verbs
 * (manage-clues.server.ts), the routes and the browser. Pure (types only); the rows come from
 * db/queries/clues.ts.
 */
import type { Clue, ClueNote } from '@/db/queries/clues';

export type { Clue, ClueNote };

/** `GET /api/clues`. */
export interface ClueList {
  clues: Clue[];
}

/** `GET /api/clues/[id]`: the clue with its history and the complaints behind it. */
export interface ClueDetail extends Clue {
  notes: ClueNote[];
  complaintIds: number[];
}
