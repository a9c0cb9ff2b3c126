/** Client calls of 每月一题 (the lists are rendered on the server; picking goes through here). */
import type { PickTopicInput } from '@/lib/topics/topic-types';
import { request } from './api-client';

export const pickTopic = (input: PickTopicInput): Promise<{ topic: { id: number } }> =>
  request<{ topic: { id: number } }>('/api/topics', { method: 'POST', body: input });
