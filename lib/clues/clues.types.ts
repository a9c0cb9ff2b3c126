/**
 * The contract of `GET /api/clues`, `GET /api/clues/[id]` and `GET /api/clues/findings`: shared by the
 * verbs (manage-clues.server.ts, detect-findings.server.ts), the routes and the browser. Pure (types
 * only); the rows come from db/queries/clues.ts.
 */
import type { Clue, ClueNote } from '@/db/queries/clues';
import type { FacilityFindingSettings } from './facility-finding-settings';
import type { Finding } from './score-findings';

export type { Clue, ClueNote, Finding };

/** `GET /api/clues/findings`: every cross-check of the window, best first (the browser reads `Json<FindingReport>`). */
export interface FindingReport {
  parameters: {
    divisionCode: string;
    from: Date;
    to: Date;
    minComplaints: number;
    /** The facility test's thresholds in force and how many groups it tested. */
    facilityTest: FacilityFindingSettings & { tested: number };
  };
  findings: Finding[];
}

/** `GET /api/clues`. */
export interface ClueList {
  clues: Clue[];
}

/** `GET /api/clues/[id]`: the clue with its history and the complaints behind it. */
export interface ClueDetail extends Clue {
  notes: ClueNote[];
  complaintIds: number[];
}
