import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { countRateHit, countRateHits, type RateHit } from '@/db/queries/rate-limits';
import { queryRows } from '@/db/sql';
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

  it('counts a batch of hits as one statement per hit would (counts returned and rows left)', async () => {
    const windowMs = 60_000;
    // Several keys, one key repeated, and hits on both sides of a window boundary.
    const plan: [string, number][] = [
      ['a', 100],
      ['b', 100],
      ['a', 100],
      ['c', 100],
      ['a', 101],
      ['b', 100],
      ['a', 100],
      ['c', 99],
    ];
    const one: { current: number; previous: number }[] = [];
    for (const [key, window] of plan)
      one.push(await countRateHit(handle.db, { key: `one:${key}`, window, windowMs }));
    const hits: RateHit[] = plan.map(([key, window]) => ({ key: `many:${key}`, window, windowMs }));
    const many = await countRateHits(handle.db, hits);
    expect(many.map((c) => c.current)).toEqual(one.map((c) => c.current));
    // The previous window is read after the whole statement: the hit in window 101 sees all three
    // of window 100, and `c` in 100 the later one in 99 (hits of one batch are simultaneous).
    expect(many.map((c) => c.previous)).toEqual([0, 0, 0, 1, 3, 0, 0, 0]);
    expect(one.map((c) => c.previous)).toEqual([0, 0, 0, 0, 2, 0, 0, 0]);
    const rows = async (prefix: string) =>
      (
        await queryRows<{ key: string; window: number; hits: number; expires_at: Date }>(
          handle.db,
          sql`select substr(key, ${prefix.length + 1}) as key, "window"::int as "window", hits, expires_at
              from rate_limit_counters where key like ${`${prefix}%`} order by key, "window"`,
        )
      ).map((r) => ({ ...r, expires_at: new Date(r.expires_at).toISOString() }));
    expect(await rows('many:')).toEqual(await rows('one:'));
    expect((await rows('many:')).map((r) => [r.key, r.window, r.hits])).toEqual([
      ['a', 100, 3],
      ['a', 101, 1],
      ['b', 100, 2],
      ['c', 99, 1],
      ['c', 100, 1],
    ]);
    // A second batch adds to the rows the first left.
    const again = await countRateHits(handle.db, [hits[0]!, hits[0]!]);
    expect(again.map((c) => c.current)).toEqual([4, 5]);
  });

  it('lets exactly the limit through when hits arrive at once in two processes', async () => {
    const workerA = new DatabaseRateStore(async () => handle.db);
    const workerB = new DatabaseRateStore(async () => handle.db);
    const now = 30 * rule.windowMs + 1_000;
    const waits = await Promise.all(
      Array.from({ length: 24 }, (_, i) => (i % 2 ? workerA : workerB).hit('burst', rule, now)),
    );
    expect(waits.filter((w) => w === 0)).toHaveLength(rule.limit);
  });
});
