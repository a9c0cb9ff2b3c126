import 'server-only';
import type { DbOrTx } from '@/db/client';
import { firstCountedComplaintAt } from '@/db/queries/alerts';
import { getTopicRow, listProblemMonthCounts } from '@/db/queries/topics';
import { assertCan, complaintScope } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { formatMonth } from '@/lib/format/date-time';
import { AppError } from '@/lib/http/errors';
import { addMonths, compareBeforeAfter } from './before-after';
import { currentMonth, monthStart, topicDivision, toTopicSummary } from './list-topic-candidates.server';
import type { TopicCandidate, TopicDetailResponse } from './topic-types';

/**
 * One picked topic with its monthly count from 12 months before its month to now and the
 * before/after comparison (`compareBeforeAfter`). Topics of towns outside the caller's division
 * answer NOT_FOUND.
 */
export async function getMonthlyTopic(
  db: DbOrTx,
  user: AuthUser,
  id: number,
  opts: { now?: Date } = {},
): Promise<TopicDetailResponse> {
  assertCan(user, 'topic.read');
  const division = topicDivision(user);
  const row = await getTopicRow(db, { id, within: division.code });
  if (!row) throw new AppError('NOT_FOUND', 'No such topic');
  const now = opts.now ?? new Date();
  const current = currentMonth(now);
  const first = addMonths(row.month, -12);
  const months: string[] = [];
  for (let m = first; m <= current; m = addMonths(m, 1)) months.push(m);
  const rows = await listProblemMonthCounts(db, {
    townCode: row.area_code,
    category: row.category_code,
    from: monthStart(first),
    to: monthStart(addMonths(current, 1)),
    scope: complaintScope(user),
  });
  const firstAt = await firstCountedComplaintAt(db);
  const byMonth = new Map(rows.map((r) => [r.month, r.n]));
  const counts = months.map((m) => byMonth.get(m) ?? 0);
  return {
    topic: { ...toTopicSummary(row), candidate: row.candidate as TopicCandidate },
    series: { months, counts, currentMonth: current, dataFrom: firstAt ? formatMonth(firstAt) : null },
    comparison: compareBeforeAfter({
      months,
      counts,
      topicMonth: row.month,
      currentMonth: current,
      ...(firstAt ? { firstMonth: formatMonth(firstAt) } : {}),
    }),
  };
}
