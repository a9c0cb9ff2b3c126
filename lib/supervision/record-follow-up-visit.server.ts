import 'server-only';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { complaintEvents } from '@/db/schema';
import { queryRow } from '@/db/sql';
import { AUDIT } from '@/lib/audit/actions';
import { writeAudit } from '@/lib/audit/write-audit.server';
import { assertCan, complaintScope } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { AppError } from '@/lib/http/errors';
import type { ComplaintStatus } from '@/lib/workflow/transitions';

export const VISIT_METHODS = ['phone', 'in_person', 'meeting'] as const;
export type VisitMethod = (typeof VISIT_METHODS)[number];

/**
 * 回访: a grid worker or an inspector records a follow-up visit against a case they can see (the
 * grid worker's grid, the inspector's division), with the case's building and household, and an
 * internal event on the case, in one transaction.
 */
export async function recordFollowUpVisit(
  db: DbOrTx,
  params: {
    user: AuthUser;
    complaintId: number;
    method: VisitMethod;
    outcome: string;
    note?: string;
    now: Date;
  },
): Promise<{ id: number }> {
  const { user, now } = params;
  assertCan(user, 'complaint.visit');
  const outcome = params.outcome.trim();
  if (outcome.length < 2 || outcome.length > 500) {
    throw new AppError('VALIDATION', 'Describe the outcome', [{ path: 'outcome', message: 'outcome' }]);
  }
  return db.transaction(async (tx) => {
    const c = await queryRow<{ id: number; status: ComplaintStatus }>(
      tx,
      sql`select complaints.id, complaints.status::text as status from complaints
          where complaints.id = ${params.complaintId} and ${complaintScope(user)}`,
    );
    if (!c) throw new AppError('NOT_FOUND', 'Complaint not found');
    const row = await queryRow<{ id: number }>(
      tx,
      sql`insert into follow_up_visits (complaint_id, building_id, household_id, visitor_user_id, method, outcome, note, visited_at)
          select id, building_id, household_id, ${user.id}, ${params.method}::visit_method, ${outcome},
                 ${params.note?.trim() || null}, ${now.toISOString()}::timestamptz
          from complaints where id = ${c.id} returning id`,
    );
    await tx.insert(complaintEvents).values({
      complaintId: c.id,
      type: 'visited',
      fromStatus: c.status,
      toStatus: c.status,
      actorUserId: user.id,
      data: { visitId: row!.id, method: params.method, outcome },
      public: false,
      createdAt: now,
    });
    await writeAudit(tx, {
      actorUserId: user.id,
      action: AUDIT.visitRecord,
      targetType: 'complaint',
      targetId: c.id,
      data: { visitId: Number(row!.id), method: params.method },
      at: now,
    });
    return { id: Number(row!.id) };
  });
}
