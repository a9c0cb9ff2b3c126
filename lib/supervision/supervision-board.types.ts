/**
 * The contract of the supervision board (督办看板): what `getSupervisionBoard` returns and the /supervision
 * page hands the client component. Pure (types only); the rows come from db/queries/supervision.ts.
 */
import type { BoardCase, BoardOffice, Letter, SpotCheck, SpotCheckDraw } from '@/db/queries/supervision';

export type { BoardCase, BoardOffice, Letter, SpotCheck, SpotCheckDraw };

export interface SupervisionBoard {
  /** Offices by overdue and due-soon cases, with open and late letters and failed spot checks. */
  offices: BoardOffice[];
  /** The red board: open cases past their resolve deadline. */
  overdue: BoardCase[];
  dueSoon: BoardCase[];
  letters: Letter[];
  spotChecks: SpotCheck[];
  /** Last month's draws (`drawMonth`, YYYY-MM) and the share drawn. */
  draws: SpotCheckDraw[];
  drawMonth: string;
  share: number;
}
