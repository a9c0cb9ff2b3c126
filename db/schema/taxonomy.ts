/** Categories, urgency grades, deadline policies and the working-day calendar. */
import {
  type AnyPgColumn,
  boolean,
  date,
  index,
  integer,
  pgTable,
  serial,
  smallint,
  text,
} from 'drizzle-orm/pg-core';
import { tier } from './enums';

/** Two-level taxonomy: level 1 (e.g. `SL` 水利), level 2 (e.g. `SL01` 饮水安全). */
export const categories = pgTable(
  'categories',
  {
    code: text('code').primaryKey(),
    parentCode: text('parent_code').references((): AnyPgColumn => categories.code),
    level: smallint('level').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    color: text('color').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    active: boolean('active').notNull().default(true),
  },
  (t) => [index('categories_parent_idx').on(t.parentCode)],
);

/** 特急 / 紧急 / 一般. `rank` 1 is the most urgent. */
export const urgencyGrades = pgTable('urgency_grades', {
  code: text('code').primaryKey(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  rank: smallint('rank').notNull(),
  color: text('color').notNull(),
});

/**
 * Deadline policy: the most specific matching row wins (category, tier, urgency; null = any).
 * "当日转办、5日首复": dispatch within the day, first reply within 5 working days.
 */
export const deadlinePolicies = pgTable(
  'deadline_policies',
  {
    id: serial('id').primaryKey(),
    categoryCode: text('category_code').references(() => categories.code),
    tier: tier('tier'),
    urgencyCode: text('urgency_code').references(() => urgencyGrades.code),
    dispatchHours: integer('dispatch_hours').notNull(),
    firstReplyDays: integer('first_reply_days').notNull(),
    resolveDays: integer('resolve_days').notNull(),
    /** Count working days (skipping weekends and holidays) rather than calendar days. */
    workingDays: boolean('working_days').notNull().default(true),
    note: text('note'),
  },
  (t) => [index('deadline_policies_match_idx').on(t.categoryCode, t.tier, t.urgencyCode)],
);

/** Public holidays and adjusted working days (调休) for working-day deadline maths. */
export const calendarDays = pgTable('calendar_days', {
  day: date('day').primaryKey(),
  isWorkday: boolean('is_workday').notNull(),
  name: text('name').notNull(),
});
