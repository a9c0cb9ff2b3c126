import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { createTestDb } from '@/db/testing/test-db';
import { RateLimiter } from './rate-limit';
import { DatabaseRateStore, MemoryRateStore, slidingWindow } from './rate-store.server';

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(async () => {
  await handle?.close();
});

const rule = { limit: 5, windowMs: 60_000 };

describe('rate limits shared through the database', () => {
  it('counts one limit across processes (two stores on one database)', async () => {
    const workerA = new DatabaseRateStore(async () => handle.db);
    const workerB = new DatabaseRateStore(async () => handle.db);
    const now = 10 * rule.windowMs + 1_000;
    const waits: number[] = [];
    for (let i = 0; i < 8; i++)
      waits.push(await (i % 2 ? workerA : workerB).hit('submit:192.0.2.1', rule, now + i));
    expect(waits.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(waits.slice(5).every((w) => w > 0)).toBe(true);
    expect(await workerA.peek('submit:192.0.2.1', rule, now + 10)).toBeGreaterThan(0);
    // Another key has its own budget; per-process memory stores would each have let all 8 through.
    expect(await workerB.hit('submit:192.0.2.2', rule, now)).toBe(0);
    const memA = new MemoryRateStore(new RateLimiter());
    const memB = new MemoryRateStore(new RateLimiter());
    let passed = 0;
    for (let i = 0; i < 8; i++) if ((await (i % 2 ? memA : memB).hit('k', rule, now + i)) === 0) passed++;
    expect(passed).toBe(8);
  });

  it('slides: the previous window counts by the part still inside the window', async () => {
    const store = new DatabaseRateStore(async () => handle.db);
    const start = 20 * rule.windowMs;
    for (let i = 0; i < 5; i++) expect(await store.hit('slide', rule, start + 50_000 + i)).toBe(0);
    // 20 s into the next window 5 × 40/60 ≈ 3.3 still count: one more fits, a second does not
    // (a refused hit counts too: a client that keeps knocking stays refused).
    expect(await store.hit('slide', rule, start + rule.windowMs + 20_000)).toBe(0);
    expect(await store.hit('slide', rule, start + rule.windowMs + 20_001)).toBeGreaterThan(0);
    // Two windows later everything is forgotten.
    expect(await store.hit('slide', rule, start + 3 * rule.windowMs)).toBe(0);
    expect(slidingWindow({ current: 1, previous: 6 }, rule, start + 30_000).estimate).toBe(4);
  });
});
