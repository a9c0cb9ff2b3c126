/** The workflow's own bookkeeping: deadline alerts raised by the sweep, the notification outbox, spot-check draws. */
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { complaints } from './complaints';
import { offices, users } from './organisation';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/**
 * One row per warning the deadline sweep has raised: (subject, deadline, level, due_at) is unique,
 * so a warning is raised exactly once, across restarts and concurrent sweeps. A moved deadline (new
 * `due_at`, e.g. after a reopen) may warn again.
 */
export const deadlineAlerts = pgTable(
  'deadline_alerts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** 'complaint' or 'letter' (a supervision letter's response deadline). */
    subjectType: text('subject_type').notNull(),
    subjectId: bigint('subject_id', { mode: 'number' }).notNull(),
    /** dispatch, first_reply, resolve (complaints) or response (letters). */
    deadline: text('deadline').notNull(),
    /** due_soon or overdue. */
    level: text('level').notNull(),
    dueAt: ts('due_at').notNull(),
    raisedAt: ts('raised_at').notNull().default(sql`now()`),
  },
  (t) => [
    uniqueIndex('deadline_alerts_once_uq').on(t.subjectType, t.subjectId, t.deadline, t.level, t.dueAt),
    index('deadline_alerts_raised_idx').on(t.raisedAt),
  ],
);

/**
 * Outbox of reminders: written in the same transaction as the event that causes them; a sender
 * (in-app now; SMS or WeChat later) marks `delivered_at`. `read_at` is set when a person reads it.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** in_app, sms, wechat. */
    channel: text('channel').notNull().default('in_app'),
    recipientOfficeId: integer('recipient_office_id').references(() => offices.id),
    recipientUserId: integer('recipient_user_id').references(() => users.id),
    complaintId: bigint('complaint_id', { mode: 'number' }).references(() => complaints.id),
    letterId: integer('letter_id'),
    /** e.g. dispatched, due_soon, overdue, letter_issued, letter_overdue. */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>(),
    createdAt: ts('created_at').notNull().default(sql`now()`),
    deliveredAt: ts('delivered_at'),
    readAt: ts('read_at'),
  },
  (t) => [
    index('notifications_office_idx').on(t.recipientOfficeId, t.createdAt),
    index('notifications_user_idx').on(t.recipientUserId, t.createdAt),
    index('notifications_pending_idx').on(t.channel, t.deliveredAt),
  ],
);

/** 抽查 draws: one per office and month, reproducible from `seed`, recorded with what was drawn from. */
export const spotCheckDraws = pgTable(
  'spot_check_draws',
  {
    id: serial('id').primaryKey(),
    /** 'YYYY-MM' (China Standard Time) of the resolutions drawn from. */
    month: text('month').notNull(),
    officeId: integer('office_id')
      .notNull()
      .references(() => offices.id),
    share: real('share').notNull(),
    seed: text('seed').notNull(),
    /** How many resolved cases were eligible, and which ids were drawn. */
    population: integer('population').notNull(),
    complaintIds: bigint('complaint_ids', { mode: 'number' }).array().notNull(),
    drawnByUserId: integer('drawn_by_user_id').references(() => users.id),
    drawnAt: ts('drawn_at').notNull().default(sql`now()`),
  },
  (t) => [uniqueIndex('spot_check_draws_month_office_uq').on(t.month, t.officeId)],
);
