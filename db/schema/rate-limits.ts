/**
 * Rate-limit counters shared by every app process on the server database (lib/intake/rate-limit.ts):
 * hits per key and fixed window; the limiter weighs the previous window by the part of it that still
 * overlaps the sliding window. UNLOGGED (migration 0018): a crash may lose the counts, never data.
 */
import { bigint, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

export const rateLimitCounters = pgTable(
  'rate_limit_counters',
  {
    key: text('key').notNull(),
    /** floor(epoch ms / window ms). */
    window: bigint('window', { mode: 'number' }).notNull(),
    hits: integer('hits').notNull(),
    /** The end of the next window: after it this row no longer counts. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.key, t.window] }),
    index('rate_limit_counters_expires_idx').on(t.expiresAt),
  ],
);
