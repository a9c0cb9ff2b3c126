/**
 * 每月一题: the recurring problem a division's leaders or inspectors pick as the month's topic
 * (`lib/topics/`), with the figures it was picked on; one pick per division and month.
 */
import { sql } from 'drizzle-orm';
import { date, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { divisions } from './geography';
import { users } from './organisation';
import { categories } from './taxonomy';

export const monthlyTopics = pgTable(
  'monthly_topics',
  {
    id: serial('id').primaryKey(),
    /** The division whose candidates it was picked from (the picker's jurisdiction). */
    divisionCode: text('division_code')
      .notNull()
      .references(() => divisions.code),
    /** First day of the month ranked ('YYYY-MM-01', Asia/Shanghai): the topic of that month. */
    month: date('month').notNull(),
    /** The problem: a town (镇/街道) × level-1 category. */
    areaCode: text('area_code')
      .notNull()
      .references(() => divisions.code),
    categoryCode: text('category_code')
      .notNull()
      .references(() => categories.code),
    /** The candidate's figures when picked (`TopicCandidate`), kept as picked. */
    candidate: jsonb('candidate').notNull(),
    note: text('note'),
    pickedByUserId: integer('picked_by_user_id')
      .notNull()
      .references(() => users.id),
    pickedAt: timestamp('picked_at', { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [uniqueIndex('monthly_topics_division_month_uq').on(t.divisionCode, t.month)],
);
