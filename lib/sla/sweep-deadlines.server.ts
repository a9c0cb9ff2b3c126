import 'server-only';
import type { DbOrTx } from '@/db/client';
import { raiseDueAlerts } from '@/db/queries/sweep';
import { complaintEvents, notifications } from '@/db/schema';
import { DUE_SOON_HOURS } from './deadline-state';

const DEADLINE_ZH = {
  dispatch: '转办',
  first_reply: '首次答复',
  resolve: '办结',
  response: '督办函答复',
} as const;
const LEVEL_ZH = { due_soon: '即将到期', overdue: '已超期' } as const;

export interface SweepResult {
  raised: number;
  dueSoon: number;
  overdue: number;
}

/**
 * 限时督办 sweep: raises a due-soon and an overdue warning exactly once per deadline (dispatch,
 * first reply, resolution of a case; response to a supervision letter). Every raised warning writes
 * a complaint event and a reminder in the outbox for the office, in one transaction. It keeps no state
 * outside the database, so a restart changes nothing, and a sweep that missed hours catches up: a
 * deadline already past gets its overdue warning (its due-soon moment is gone and is not replayed).
 * Safe to run from several processes at once (the insert is the lock).
 */
export async function sweepDeadlines(
  db: DbOrTx,
  params: { now: Date; dueSoonHours?: number },
): Promise<SweepResult> {
  return db.transaction(async (tx) => {
    const raised = await raiseDueAlerts(tx, {
      now: params.now,
      dueSoonHours: params.dueSoonHours ?? DUE_SOON_HOURS,
    });
    // A deadline found already past gets only its overdue warning.
    const overdueKeys = new Set(
      raised.filter((a) => a.level === 'overdue').map((a) => `${a.subject_id}:${a.deadline}`),
    );
    const alerts = raised.filter(
      (a) => !(a.level === 'due_soon' && overdueKeys.has(`${a.subject_id}:${a.deadline}`)),
    );
    const events = alerts
      .filter((a) => a.complaint_id !== null)
      .map((a) => ({
        complaintId: a.complaint_id!,
        type: a.level,
        data: {
          deadline: a.deadline,
          dueAt: new Date(a.due_at).toISOString(),
          alertId: a.id,
          letterId: a.subject_type === 'letter' ? a.subject_id : undefined,
        },
        publicNote: null,
        public: false,
        createdAt: params.now,
      }));
    for (const batch of chunks(events)) await tx.insert(complaintEvents).values(batch);
    const reminders = alerts
      .filter((a) => a.office_id !== null)
      .map((a) => ({
        recipientOfficeId: a.office_id,
        complaintId: a.complaint_id,
        letterId: a.subject_type === 'letter' ? a.subject_id : null,
        kind: a.level,
        title: `${DEADLINE_ZH[a.deadline]}时限${LEVEL_ZH[a.level]}`,
        body: a.title,
        data: { deadline: a.deadline, dueAt: new Date(a.due_at).toISOString() },
        createdAt: params.now,
      }));
    for (const batch of chunks(reminders)) await tx.insert(notifications).values(batch);
    return {
      raised: alerts.length,
      dueSoon: alerts.filter((a) => a.level === 'due_soon').length,
      overdue: alerts.filter((a) => a.level === 'overdue').length,
    };
  });
}

/**
 * A first sweep over a large backlog raises tens of thousands of warnings at once: insert them in
 * batches that stay under PostgreSQL's 65,535 bind parameters per statement.
 */
function chunks<T>(rows: readonly T[], size = 1000): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
