/** Client calls of 每月一题 (the lists are rendered on the server; picking goes through here). */
import type { PickTopicInput } from '@/lib/topics/topic-types';

export async function pickTopic(input: PickTopicInput): Promise<{ topic: { id: number } }> {
  const response = await fetch('/api/topics', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  if (!response.ok) {
    const err = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(err?.error?.message ?? `${response.status} ${response.statusText}`);
  }
  return (await response.json()) as { topic: { id: number } };
}
