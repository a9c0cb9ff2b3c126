import 'server-only';
import type { DbOrTx } from '@/db/client';
import { countGridVisitsDue } from '@/db/queries/grid-workspace';
import {
  countConfiguration,
  countOpenCases,
  countOpenLetters,
  countPendingSpotChecks,
  countRecentAlerts,
} from '@/db/queries/workbench';
import { can, complaintMapScope, complaintScope } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { VISIT_WINDOW_DAYS } from '@/lib/grid/grid-workspace';
import { letterScope } from '@/lib/supervision/letter-scope';
import { shanghaiDayStart, tile, type WorkbenchTile } from './workbench';

/**
 * The workbench of one staff member: what waits for them, counted in their jurisdiction, each
 * figure linking to the list that shows those cases.
 * - grid worker: open cases of the grid, overdue, due soon, follow-up visits due (→ /grid);
 * - handler: to accept, overdue, due soon, first reply late, letters to answer (→ /inbox);
 * - inspector: manual dispatch queue, overdue, due soon, letters unanswered, spot checks, new alerts;
 * - leader: open, overdue and due soon in the area (→ the map filtered), received today;
 * - admin: users, locked accounts, offices, routing and triage rules, deadline policies.
 */
export async function getWorkbench(
  db: DbOrTx,
  input: { user: AuthUser; now: Date },
): Promise<WorkbenchTile[]> {
  const { user, now } = input;
  const dayStart = shanghaiDayStart(now);
  switch (user.role) {
    case 'grid_worker': {
      if (user.jurisdiction.kind !== 'grid') return [];
      const gridId = user.jurisdiction.gridId;
      const scope = complaintMapScope(user);
      const [cases, visitsDue] = await Promise.all([
        countOpenCases(db, { scope, now, dayStart, gridId }),
        countGridVisitsDue(db, { gridId, complaintScope: scope, now, windowDays: VISIT_WINDOW_DAYS }),
      ]);
      return [
        tile('gridOpen', cases.open, '/grid#grid-cases'),
        tile('overdue', cases.overdue, '/grid#grid-cases', 'alert'),
        tile('dueSoon', cases.dueSoon, '/grid#grid-cases', 'warn'),
        tile('visitsDue', visitsDue, '/grid#grid-visits-due', 'warn'),
      ];
    }
    case 'handler': {
      const scope = complaintScope(user);
      const [cases, letters] = await Promise.all([
        countOpenCases(db, { scope, now, dayStart }),
        countOpenLetters(db, { letterScope: letterScope(user), now }),
      ]);
      return [
        tile('toAccept', cases.toAccept, '/inbox?only=to_accept', 'warn'),
        tile('overdue', cases.overdue, '/inbox?only=overdue', 'alert'),
        tile('dueSoon', cases.dueSoon, '/inbox?only=due_soon', 'warn'),
        tile('replyOverdue', cases.replyOverdue, '/inbox?only=reply_overdue', 'alert'),
        tile('lettersToAnswer', letters.open, '/inbox#open-letters', letters.late > 0 ? 'alert' : 'warn'),
        tile('inboxOpen', cases.open, '/inbox'),
      ];
    }
    case 'inspector': {
      const scope = complaintScope(user);
      const [cases, letters, checks, alerts] = await Promise.all([
        countOpenCases(db, { scope, now, dayStart }),
        countOpenLetters(db, { letterScope: letterScope(user), now }),
        can(user, 'complaint.supervise') ? countPendingSpotChecks(db, { scope }) : 0,
        countRecentAlerts(db, { scope, since: new Date(now.getTime() - 86_400_000) }),
      ]);
      return [
        tile('manualQueue', cases.manualQueue, '/dispatch', 'warn'),
        tile('overdue', cases.overdue, '/supervision#board-overdue', 'alert'),
        tile('dueSoon', cases.dueSoon, '/supervision#board-due-soon', 'warn'),
        tile('alerts', alerts, '/supervision#board-overdue', 'alert'),
        tile(
          'lettersOpen',
          letters.open,
          '/supervision#board-letters',
          letters.late > 0 ? 'alert' : 'neutral',
        ),
        tile('spotChecks', checks, '/supervision#board-spot-checks'),
      ];
    }
    case 'leader': {
      const today = new Date(dayStart.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
      const cases = await countOpenCases(db, { scope: complaintMapScope(user), now, dayStart });
      return [
        tile('overdue', cases.overdue, '/map?dl=overdue', 'alert'),
        tile('dueSoon', cases.dueSoon, '/map?dl=due_soon', 'warn'),
        tile('areaOpen', cases.open, '/map?dl=on_track,due_soon,overdue'),
        tile('newToday', cases.newToday, `/stats/complaints?indicator=volume&from=${today}&to=${today}`),
      ];
    }
    case 'admin': {
      const c = await countConfiguration(db, { now });
      return [
        tile('lockedUsers', c.locked, '/admin/users', 'warn'),
        tile('users', c.users, '/admin/users'),
        tile('offices', c.offices, '/admin/offices'),
        tile('routingRules', c.routingRules, '/admin/routing'),
        tile('triageRules', c.triageRules, '/admin/triage-rules'),
        tile('deadlinePolicies', c.policies, '/admin/deadlines'),
      ];
    }
    default:
      return [];
  }
}
