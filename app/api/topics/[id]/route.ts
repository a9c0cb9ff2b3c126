import { z } from 'zod';
import { route } from '@/lib/http/route.server';
import { getMonthlyTopic } from '@/lib/topics/get-monthly-topic.server';
import { topicIdParam } from '@/lib/topics/topic-types';

/** GET → one picked topic: its monthly count since 12 months before it and the before/after comparison. */
export const GET = route(
  {
    auth: 'session',
    params: z.object({ id: topicIdParam }),
    paramsNotFound: 'No such topic',
    cacheControl: 'no-store',
  },
  ({ db, user, params }) => getMonthlyTopic(db, user, params.id),
);
