import { connection } from 'next/server';
import { getDb } from '@/db/client';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { AppError, toErrorResponse } from '@/lib/http/errors';
import { getMonthlyTopic } from '@/lib/topics/get-monthly-topic.server';
import { topicIdParam } from '@/lib/topics/topic-types';

/** GET → one picked topic: its monthly count since 12 months before it and the before/after comparison. */
export async function GET(_request: Request, context: { params: Promise<{ id: string }> }) {
  await connection();
  try {
    const user = await requireCurrentUser();
    const id = topicIdParam.safeParse((await context.params).id);
    if (!id.success) throw new AppError('NOT_FOUND', 'No such topic');
    return Response.json(await getMonthlyTopic(await getDb(), user, id.data), {
      headers: { 'cache-control': 'no-store' },
    });
  } catch (error) {
    return toErrorResponse(error);
  }
}
