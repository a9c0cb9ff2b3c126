import 'server-only';
import type { DbOrTx } from '@/db/client';
import { insertTopic } from '@/db/queries/topics';
import { AUDIT } from '@/lib/audit/actions';
import { writeAudit } from '@/lib/audit/write-audit.server';
import { assertCan } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { AppError } from '@/lib/http/errors';
import { computeTopicCandidates, currentMonth, topicDivision } from './list-topic-candidates.server';
import type { PickTopicInput } from './topic-types';

/**
 * Picks the month's topic (每月一题) for the caller's division: the problem must be one of this
 * month's candidates as recomputed here (the browser cannot pick a problem the ranking did not
 * offer, nor alter its figures); one pick per division and month (CONFLICT otherwise); stored with
 * the candidate's figures and audited in the same transaction.
 */
export async function pickMonthlyTopic(
  db: DbOrTx,
  user: AuthUser,
  input: PickTopicInput,
  opts: { now?: Date; ip?: string | null } = {},
): Promise<{ id: number }> {
  assertCan(user, 'topic.pick');
  const division = topicDivision(user);
  const now = opts.now ?? new Date();
  const month = currentMonth(now);
  if (input.month !== undefined && input.month !== month)
    throw new AppError('VALIDATION', 'month: only the current month can be picked', [
      { path: 'month', message: 'only the current month' },
    ]);
  const { candidates } = await computeTopicCandidates(db, user, month);
  const candidate = candidates.find(
    (c) => c.area.code === input.areaCode && c.category.code === input.categoryCode,
  );
  if (!candidate)
    throw new AppError('VALIDATION', 'Not one of this month’s candidates', [
      { path: 'areaCode', message: 'not a candidate' },
    ]);
  return db.transaction(async (tx) => {
    const id = await insertTopic(tx, {
      divisionCode: division.code,
      month,
      areaCode: input.areaCode,
      categoryCode: input.categoryCode,
      candidate,
      note: input.note ? input.note : null,
      userId: user.id,
      now,
    });
    if (id === null) throw new AppError('CONFLICT', 'This month’s topic has already been picked');
    await writeAudit(tx, {
      actorUserId: user.id,
      action: AUDIT.topicPick,
      targetType: 'monthly_topic',
      targetId: id,
      data: {
        divisionCode: division.code,
        month,
        areaCode: input.areaCode,
        categoryCode: input.categoryCode,
        rank: candidate.rank,
        score: Math.round(candidate.score * 1000) / 1000,
      },
      ip: opts.ip ?? null,
      at: now,
    });
    return { id };
  });
}
