import 'server-only';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { complaintEvents } from '@/db/schema';
import { queryRow, queryRows } from '@/db/sql';
import { AUDIT } from '@/lib/audit/actions';
import { writeAudit } from '@/lib/audit/write-audit.server';
import { assertCan, complaintScope } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { AppError } from '@/lib/http/errors';
import { transition } from '@/lib/workflow/transition.server';
import type { ComplaintStatus } from '@/lib/workflow/transitions';

/**
 * An inspector records a spot check after calling the resident: `passed` (confirmed resolved) or
 * `failed` (not actually resolved, with the finding). A failed check reopens the case through the
 * workflow's transition verb (the office is notified and counted on the board through the check's
 * office_id). One transaction; a check already recorded is CONFLICT.
 */
export async function recordSpotCheck(
  db: DbOrTx,
  params: { user: AuthUser; spotCheckId: number; result: 'passed' | 'failed'; finding?: string; now: Date },
): Promise<{ reopened: boolean }> {
  const { user, now, result } = params;
  assertCan(user, 'complaint.supervise');
  const finding = params.finding?.trim() || null;
  if (result === 'failed' && (!finding || finding.length < 2)) {
    throw new AppError('VALIDATION', 'Say what was found', [{ path: 'finding', message: 'finding' }]);
  }
  if (finding && finding.length > 2000) {
    throw new AppError('VALIDATION', 'Finding too long', [{ path: 'finding', message: 'finding' }]);
  }
  return db.transaction(async (tx) => {
    const check = await queryRow<{
      id: number;
      complaintId: number;
      status: ComplaintStatus;
      result: string;
    }>(
      tx,
      sql`select s.id, s.complaint_id as "complaintId", complaints.status::text as status, s.result::text as result
          from spot_checks s join complaints on complaints.id = s.complaint_id
          where s.id = ${params.spotCheckId} and ${complaintScope(user)}`,
    );
    if (!check) throw new AppError('NOT_FOUND', 'Spot check not found');
    const updated = await queryRows<{ id: number }>(
      tx,
      sql`update spot_checks set result = ${result}::spot_check_result, finding = ${finding},
            checked_at = ${now.toISOString()}::timestamptz, inspector_user_id = ${user.id},
            office_id = coalesce(office_id, (select responsible_office_id from complaints where id = ${check.complaintId}))
          where id = ${check.id} and result = 'pending' returning id`,
    );
    if (updated.length === 0) throw new AppError('CONFLICT', 'This spot check has already been recorded');
    await tx.insert(complaintEvents).values({
      complaintId: check.complaintId,
      type: result === 'passed' ? 'spot_check_passed' : 'spot_check_failed',
      fromStatus: check.status,
      toStatus: check.status,
      actorUserId: user.id,
      data: { spotCheckId: check.id, ...(finding ? { finding } : {}) },
      public: false,
      createdAt: now,
    });
    const reopen = result === 'failed' && (check.status === 'resolved' || check.status === 'closed');
    if (reopen) {
      await transition(tx, {
        complaintId: check.complaintId,
        verb: 'reopen',
        actor: { kind: 'user', user },
        input: { reason: `抽查未通过：${finding}` },
        expectedStatus: check.status,
        now,
      });
    }
    await writeAudit(tx, {
      actorUserId: user.id,
      action: AUDIT.spotCheckRecord,
      targetType: 'spot_check',
      targetId: check.id,
      data: { complaintId: check.complaintId, result, reopened: reopen },
      at: now,
    });
    return { reopened: reopen };
  });
}
