import { connection } from 'next/server';
import { getDb } from '@/db/client';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { recordedAddress } from '@/lib/http/client-address';
import { toErrorResponse } from '@/lib/http/errors';
import { readJson } from '@/lib/http/read-request';
import { assertSameOrigin } from '@/lib/http/same-origin';
import { listTopicCandidates } from '@/lib/topics/list-topic-candidates.server';
import { pickMonthlyTopic } from '@/lib/topics/pick-monthly-topic.server';
import { pickTopicInput, topicCandidatesQuery } from '@/lib/topics/topic-types';

/** GET ?month=YYYY-MM → the 每月一题 candidates of the caller's division, its picks. */
export async function GET(request: Request) {
  await connection();
  try {
    const user = await requireCurrentUser();
    const query = topicCandidatesQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
    return Response.json(await listTopicCandidates(await getDb(), user, query), {
      headers: { 'cache-control': 'no-store' },
    });
  } catch (error) {
    return toErrorResponse(error);
  }
}

/** POST {areaCode, categoryCode, month?, note?} → pick this month's topic (201 {topic:{id}}). */
export async function POST(request: Request) {
  await connection();
  try {
    assertSameOrigin(request);
    const user = await requireCurrentUser();
    const input = pickTopicInput.parse(await readJson(request));
    const topic = await pickMonthlyTopic(await getDb(), user, input, { ip: recordedAddress(request) });
    return Response.json({ topic }, { status: 201 });
  } catch (error) {
    return toErrorResponse(error);
  }
}
