/** Offices, the routing table, users and their sessions. */
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { officeKind, role, tier } from './enums';
import { divisions, grids } from './geography';
import { categories } from './taxonomy';

export const offices = pgTable(
  'offices',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    kind: officeKind('kind').notNull(),
    tier: tier('tier').notNull(),
    /** The division this office serves (its jurisdiction). */
    divisionCode: text('division_code')
      .notNull()
      .references(() => divisions.code),
    parentId: integer('parent_id').references((): AnyPgColumn => offices.id),
    phone: text('phone'),
  },
  (t) => [
    index('offices_division_idx').on(t.divisionCode),
    index('offices_kind_tier_idx').on(t.kind, t.tier),
    index('offices_parent_idx').on(t.parentId),
  ],
);

/** Level-1 categories an office handles. */
export const officeCategories = pgTable(
  'office_categories',
  {
    officeId: integer('office_id')
      .notNull()
      .references(() => offices.id),
    categoryCode: text('category_code')
      .notNull()
      .references(() => categories.code),
  },
  (t) => [
    primaryKey({ columns: [t.officeId, t.categoryCode] }),
    index('office_categories_cat_idx').on(t.categoryCode),
  ],
);

/**
 * 权责匹配: category × tier × division → first-responsible office, plus co-handling offices.
 * `divisionCode` null means "the office of that tier serving the complaint's division".
 */
export const routingRules = pgTable(
  'routing_rules',
  {
    id: serial('id').primaryKey(),
    categoryCode: text('category_code')
      .notNull()
      .references(() => categories.code),
    tier: tier('tier').notNull(),
    divisionCode: text('division_code').references(() => divisions.code),
    officeId: integer('office_id').references(() => offices.id),
    coOfficeIds: integer('co_office_ids').array().notNull().default(sql`'{}'::integer[]`),
    priority: smallint('priority').notNull().default(0),
    note: text('note'),
  },
  (t) => [index('routing_rules_match_idx').on(t.categoryCode, t.tier, t.divisionCode)],
);

export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: role('role').notNull(),
    /** Jurisdiction: a division (inspector, leader, admin), a grid (grid worker) or an office (handler). */
    divisionCode: text('division_code').references(() => divisions.code),
    gridId: integer('grid_id').references(() => grids.id),
    officeId: integer('office_id').references(() => offices.id),
    phone: text('phone'),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastFailedLoginAt: timestamp('last_failed_login_at', { withTimezone: true }),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [
    uniqueIndex('users_username_uq').on(sql`lower(${t.username})`),
    index('users_role_idx').on(t.role),
    index('users_office_idx').on(t.officeId),
    index('users_grid_idx').on(t.gridId),
  ],
);

/** Server-side sessions. `id` is the SHA-256 of the cookie token, never the token itself. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`now()`),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().default(sql`now()`),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);
