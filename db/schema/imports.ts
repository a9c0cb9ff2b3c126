/** What the history importer remembers between runs. */
import { sql } from 'drizzle-orm';
import { pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/**
 * Rows of a source the importer refused, by source id (or `row <n>` without one) and reason: a re-run
 * that refuses the same row for the same reason again reports it as refused before, not as a new
 * problem (its exit code stays 0).
 */
export const importRefusals = pgTable(
  'import_refusals',
  {
    source: text('source').notNull(),
    sourceKey: text('source_key').notNull(),
    reason: text('reason').notNull(),
    firstRefusedAt: ts('first_refused_at').notNull().default(sql`now()`),
    lastRefusedAt: ts('last_refused_at').notNull().default(sql`now()`),
  },
  (t) => [primaryKey({ name: 'import_refusals_pk', columns: [t.source, t.sourceKey, t.reason] })],
);
