/**
 * One row counting changes to the reference data every new complaint needs (routing rules, offices,
 * office categories, divisions, deadline policies, calendar, categories, triage rules, facilities,
 * settings): statement-level triggers (migration 0030) add one per writing statement, in the writer's
 * transaction, so the count changes exactly when the change commits. App processes compare it with the
 * count their cached copy was read at (lib/workflow/get-reference-data.server.ts) instead of reloading.
 */
import { bigint, boolean, pgTable } from 'drizzle-orm/pg-core';

export const referenceDataVersion = pgTable('reference_data_version', {
  /** Always true: the table has one row. */
  one: boolean('one').primaryKey().default(true),
  version: bigint('version', { mode: 'number' }).notNull().default(0),
});
