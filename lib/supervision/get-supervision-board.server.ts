import 'server-only';
import type { DbOrTx } from '@/db/client';
import {
  listBoardCases,
  listBoardOffices,
  listDrawsWithin,
  listLetters,
  listSpotChecks,
} from '@/db/queries/supervision';
import { assertCan, complaintScope } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { AppError } from '@/lib/http/errors';
import { DUE_SOON_HOURS } from '@/lib/sla/deadline-state';
import { previousMonth, spotCheckShare } from './draw-sample';
import { letterScope } from './letter-scope';
import type { SupervisionBoard } from './supervision-board.types';

/**
 * The inspector's supervision board (督办看板) for their jurisdiction: offices by overdue and
 * due-soon cases (with open and late letters and failed spot checks), the red board of overdue
 * cases, the due-soon list, letters issued and answered, the spot-check queue and last month's draws.
 */
export async function getSupervisionBoard(
  db: DbOrTx,
  params: { user: AuthUser; now: Date },
): Promise<SupervisionBoard> {
  const { user, now } = params;
  assertCan(user, 'complaint.supervise');
  if (user.jurisdiction.kind !== 'division') throw new AppError('FORBIDDEN', 'Inspectors act for a division');
  const month = previousMonth(now);
  const base = { scope: complaintScope(user), now, dueSoonHours: DUE_SOON_HOURS };
  const [offices, overdue, dueSoon, letters, spotChecks, draws] = await Promise.all([
    listBoardOffices(db, base),
    listBoardCases(db, { ...base, which: 'overdue' }),
    listBoardCases(db, { ...base, which: 'due_soon' }),
    listLetters(db, { scope: letterScope(user), limit: 100 }),
    listSpotChecks(db, { scope: base.scope, limit: 100 }),
    listDrawsWithin(db, { month, divisionCode: user.jurisdiction.divisionCode }),
  ]);
  return { offices, overdue, dueSoon, letters, spotChecks, draws, drawMonth: month, share: spotCheckShare() };
}
