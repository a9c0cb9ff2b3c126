import { recordedAddress } from '@/lib/http/client-address';
import { route } from '@/lib/http/route.server';
import { listTopicCandidates } from '@/lib/topics/list-topic-candidates.server';
import { pickMonthlyTopic } from '@/lib/topics/pick-monthly-topic.server';
import { pickTopicInput, topicCandidatesQuery } from '@/lib/topics/topic-types';

/** GET ?month=YYYY-MM → the 每月一题 candidates of the caller's division, its picks. */
export const GET = route(
  { auth: 'session', query: topicCandidatesQuery, cacheControl: 'no-store' },
  ({ db, user, query }) => listTopicCandidates(db, user, query),
);

/** POST {areaCode, categoryCode, month?, note?} → pick this month's topic (201 {topic:{id}}). */
export const POST = route(
  { auth: 'session', body: pickTopicInput, status: 201 },
  async ({ db, user, body, request }) => ({
    topic: await pickMonthlyTopic(db, user, body, { ip: recordedAddress(request) }),
  }),
);
