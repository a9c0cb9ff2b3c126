import { notFound } from 'next/navigation';
import { TopicDetail } from '@/components/topics/topic-detail';
import { getDb } from '@/db/client';
import { requirePage } from '@/lib/auth/require-page.server';
import { AppError } from '@/lib/http/errors';
import { getMonthlyTopic } from '@/lib/topics/get-monthly-topic.server';
import { topicIdParam } from '@/lib/topics/topic-types';

/** One picked 每月一题: its monthly count since 12 months before and the before/after comparison. */
export default async function TopicPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePage('topics');
  const id = topicIdParam.safeParse((await params).id);
  if (!id.success) notFound();
  try {
    const data = await getMonthlyTopic(await getDb(), user, id.data);
    return (
      <div className="staff__page">
        <TopicDetail data={data} />
      </div>
    );
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') notFound();
    throw error;
  }
}
