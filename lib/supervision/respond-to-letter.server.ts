import 'server-only';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { getLetterForUpdate } from '@/db/queries/supervision';
import { complaintEvents, notifications } from '@/db/schema';
import { queryRow, queryRows } from '@/db/sql';
import { AUDIT } from '@/lib/audit/actions';
import { writeAudit } from '@/lib/audit/write-audit.server';
import { assertCan } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { AppError } from '@/lib/http/errors';
import type { ComplaintStatus } from '@/lib/workflow/transitions';

export type LetterResponse = { kind: 'acknowledge' } | { kind: 'answer'; answer: string };

/**
 * The supervised office's side of a 督办函: a handler of the letter's office (and no one else)
 * acknowledges receipt (签收) and then answers (an answer acknowledges too, if not yet done). Each is
 * a conditional update (twice is a CONFLICT), with an event on the case and, for the answer, a
 * reminder to the issuing 纪委, in one transaction. Another office's letter is NOT_FOUND.
 */
export async function respondToLetter(
  db: DbOrTx,
  params: { user: AuthUser; letterId: number; response: LetterResponse; now: Date },
): Promise<{ acknowledgedAt: Date; answeredAt: Date | null }> {
  const { user, now, response } = params;
  assertCan(user, 'letter.answer');
  if (user.jurisdiction.kind !== 'office') throw new AppError('FORBIDDEN', 'Handlers act for an office');
  const officeId = user.jurisdiction.officeId;
  const answer = response.kind === 'answer' ? response.answer.trim() : null;
  if (response.kind === 'answer' && (!answer || answer.length < 2 || answer.length > 4000)) {
    throw new AppError('VALIDATION', 'Write the answer', [{ path: 'answer', message: 'answer' }]);
  }
  return db.transaction(async (tx) => {
    const letter = await getLetterForUpdate(tx, { id: params.letterId });
    if (!letter || letter.officeId !== officeId) throw new AppError('NOT_FOUND', 'Letter not found');
    if (letter.answeredAt) throw new AppError('CONFLICT', 'The letter has already been answered');
    if (response.kind === 'acknowledge' && letter.acknowledgedAt)
      throw new AppError('CONFLICT', 'The letter has already been acknowledged');
    const at = now.toISOString();
    const updated = await queryRows<{ id: number }>(
      tx,
      response.kind === 'acknowledge'
        ? sql`update supervision_letters set acknowledged_at = ${at}::timestamptz, acknowledged_by_user_id = ${user.id}
              where id = ${letter.id} and acknowledged_at is null and answered_at is null returning id`
        : sql`update supervision_letters set acknowledged_at = coalesce(acknowledged_at, ${at}::timestamptz),
                acknowledged_by_user_id = coalesce(acknowledged_by_user_id, ${user.id}),
                answered_at = ${at}::timestamptz, answer = ${answer}, answered_by_user_id = ${user.id}
              where id = ${letter.id} and answered_at is null returning id`,
    );
    if (updated.length === 0) {
      throw new AppError('CONFLICT', 'Someone else answered this letter a moment ago');
    }
    if (letter.complaintId !== null) {
      const row = await queryRow<{ s: ComplaintStatus }>(
        tx,
        sql`select status::text as s from complaints where id = ${letter.complaintId}`,
      );
      const s = row?.s ?? null;
      await tx.insert(complaintEvents).values({
        complaintId: letter.complaintId,
        type: response.kind === 'acknowledge' ? 'letter_acknowledged' : 'letter_answered',
        fromStatus: s,
        toStatus: s,
        actorUserId: user.id,
        actorOfficeId: officeId,
        data: { letterId: letter.id, code: letter.code, ...(answer ? { answer } : {}) },
        public: false,
        createdAt: now,
      });
    }
    if (response.kind === 'answer') {
      await tx.insert(notifications).values({
        recipientOfficeId: letter.issuingOfficeId,
        complaintId: letter.complaintId,
        letterId: letter.id,
        kind: 'letter_answered',
        title: `督办函 ${letter.code} 已答复`,
        body: answer ?? '',
        data: { code: letter.code },
        createdAt: now,
      });
    }
    await writeAudit(tx, {
      actorUserId: user.id,
      action: AUDIT.letterRespond,
      targetType: 'letter',
      targetId: letter.id,
      data: { code: letter.code, complaintId: letter.complaintId, response: response.kind },
      at: now,
    });
    return {
      acknowledgedAt: letter.acknowledgedAt ? new Date(letter.acknowledgedAt) : now,
      answeredAt: response.kind === 'answer' ? now : null,
    };
  });
}
