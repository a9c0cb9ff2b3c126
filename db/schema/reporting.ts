/**
 * Statistics and administration state: editable settings (e.g. the 三率 assessment weights),
 * issued monthly reports (kept as issued), and the triage keyword rules admins maintain.
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { divisions } from './geography';
import { users } from './organisation';
import { categories, urgencyGrades } from './taxonomy';

/** Key → JSON value, edited by admins (one row per setting; the code holds the documented default). */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').$type<unknown>().notNull(),
  updatedByUserId: integer('updated_by_user_id').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().default(sql`now()`),
});

/**
 * 月度数据报告 as issued: the figures frozen at generation time and the PDF kept in the file store.
 * A re-issue of the same area and month is a new version; earlier versions stay as they were.
 */
export const monthlyReports = pgTable(
  'monthly_reports',
  {
    id: serial('id').primaryKey(),
    areaCode: text('area_code')
      .notNull()
      .references(() => divisions.code),
    /** First day of the reported month (Asia/Shanghai). */
    month: date('month').notNull(),
    version: smallint('version').notNull().default(1),
    /** null = generated automatically at month end. */
    generatedByUserId: integer('generated_by_user_id').references(() => users.id),
    generatedAt: timestamp('generated_at', { withTimezone: true }).notNull().default(sql`now()`),
    locale: text('locale').notNull().default('zh-CN'),
    /** The report's content (figures, rankings, lists) exactly as rendered. */
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    /** Storage key of the PDF in the file store; null until the PDF is rendered. */
    pdfKey: text('pdf_key'),
    pdfBytes: integer('pdf_bytes'),
    pdfSha256: text('pdf_sha256'),
  },
  (t) => [
    uniqueIndex('monthly_reports_area_month_version_uq').on(t.areaCode, t.month, t.version),
    index('monthly_reports_month_idx').on(t.month),
  ],
);

/** 诉求分级研判 keyword rules (lib/triage/rules.ts holds the defaults the seed loads). */
export const triageRules = pgTable('triage_rules', {
  /** A stable slug, e.g. 'drinking-water'. */
  id: text('id').primaryKey(),
  /** Shown in the reason ("“没有水喝”命中“饮水安全”规则"). */
  name: text('name').notNull(),
  keywords: text('keywords').array().notNull(),
  urgencyCode: text('urgency_code').references(() => urgencyGrades.code),
  categoryCode: text('category_code').references(() => categories.code),
  /** Context: the text must also mention one of these (empty: no such condition). */
  requires: text('requires').array().notNull().default(sql`'{}'::text[]`),
  /** Context: the rule does not apply when the text mentions one of these ("乱收费" at a 学校). */
  excludes: text('excludes').array().notNull().default(sql`'{}'::text[]`),
  active: boolean('active').notNull().default(true),
  updatedByUserId: integer('updated_by_user_id').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().default(sql`now()`),
});
