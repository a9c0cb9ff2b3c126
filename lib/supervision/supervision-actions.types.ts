/**
 * The contract of the inspectors' supervision actions, shared by the verbs, the routes and the
 * browser (lib/query/supervision.ts): `POST /api/supervision/letters` (issue-supervision-letter.server.ts)
 * and `POST /api/supervision/spot-checks` (draw-spot-checks.server.ts). The browser reads `Json<…>`.
 */

/** Why a letter is issued: the case is overdue, or it keeps bouncing between offices (推诿扯皮). */
export type LetterGround = 'overdue' | 'bouncing';

export interface IssuedLetter {
  id: number;
  code: string;
  dueAt: Date;
}

/** `POST /api/supervision/letters` (201). */
export interface IssueLetterResponse {
  letter: IssuedLetter;
}

export interface DrawOutcome {
  officeId: number;
  drawId: number;
  population: number;
  complaintIds: number[];
  /** False when this month's draw for the office had already been made (it is never redrawn). */
  created: boolean;
}

/** `POST /api/supervision/spot-checks`: a completed month's draws, one per office. */
export interface SpotCheckDraws {
  month: string;
  draws: DrawOutcome[];
}
