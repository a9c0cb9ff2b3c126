import { TopicsWorkspace } from '@/components/topics/topics-workspace';
import { getDb } from '@/db/client';
import { requirePage } from '@/lib/auth/require-page.server';
import { currentMonth, listTopicCandidates } from '@/lib/topics/list-topic-candidates.server';
import { topicCandidatesQuery } from '@/lib/topics/topic-types';

/** 每月一题 (leaders, inspectors): this month's candidates of the division, the pick, the topics before. */
export default async function TopicsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  const user = await requirePage('topics');
  const now = new Date();
  const current = currentMonth(now);
  const raw = (await searchParams).month;
  const parsed = topicCandidatesQuery.safeParse({ month: typeof raw === 'string' ? raw : undefined });
  const month =
    parsed.success && parsed.data.month && parsed.data.month <= current ? parsed.data.month : current;
  const data = await listTopicCandidates(await getDb(), user, { month }, { now });
  return (
    <div className="staff__page">
      <TopicsWorkspace data={data} currentMonth={current} />
    </div>
  );
}
