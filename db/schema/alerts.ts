/**
 * 事前预警: surge alerts computed from each area's own history (`lib/alerts/`), the runs that computed
 * them, and who subscribes to which area × category.
 */
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
import { divisionLevel } from './enums';
import { divisions } from './geography';
import { users } from './organisation';
import { categories } from './taxonomy';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/**
 * One row per alert episode of one series (kind × area × level-1 category): opened by the run that
 * first finds the count above its upper limit, updated by every run that still finds it there
 * (`last_seen_at`, the figures of the latest evaluation), closed by the first run that finds it back
 * inside (`closed_at`). At most one open episode per series (partial unique index).
 */
export const alerts = pgTable(
  'alerts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** 'surge' (a count above its upper limit) or 'emerging' (a cell turned into an emerging hot spot). */
    kind: text('kind').notNull(),
    /** 'day' (today so far) or 'week' (the last 7 days including today), of the latest evaluation. */
    window: text('window').notNull(),
    areaCode: text('area_code')
      .notNull()
      .references(() => divisions.code),
    areaLevel: divisionLevel('area_level').notNull(),
    /** The division's own name at the time (韭菜坪村村民委员会). */
    areaName: text('area_name').notNull(),
    /** Its short path from the county down, as sentences say it (盐边县格萨拉彝族乡韭菜坪村). */
    areaPath: text('area_path').notNull(),
    /** The county and town the area lies in (itself for a county or town): jurisdiction filters. */
    countyCode: text('county_code').notNull(),
    townCode: text('town_code'),
    /** Level-1 category. */
    categoryCode: text('category_code')
      .notNull()
      .references(() => categories.code),
    observed: integer('observed').notNull(),
    expected: real('expected').notNull(),
    /** The largest count still inside: an alert means observed > upper_limit (and ≥ the minimum count). */
    upperLimit: integer('upper_limit').notNull(),
    /** P(X ≥ observed) under the area's predictive distribution. */
    pValue: real('p_value').notNull(),
    /** The highest count seen in this episode. */
    peakObserved: integer('peak_observed').notNull(),
    /** Start of the counted window (Asia/Shanghai midnight) of the latest evaluation. */
    windowStart: ts('window_start').notNull(),
    /** The counted complaints of the latest evaluation (at most 500). */
    complaintIds: bigint('complaint_ids', { mode: 'number' }).array().notNull(),
    beganAt: ts('began_at').notNull(),
    lastSeenAt: ts('last_seen_at').notNull(),
    closedAt: ts('closed_at'),
    /** Emerging alerts: the class (new, consecutive, intensifying, persistent); null for surges. */
    pattern: text('pattern'),
    /** Emerging alerts: the square cell, `<size>:<i>:<j>` in EPSG:4543; null for surges. */
    cellKey: text('cell_key'),
    /** Emerging alerts: window weeks, weekly counts, baseline, cell centre (`EmergingAlertDetail`). */
    detail: jsonb('detail'),
  },
  (t) => [
    uniqueIndex('alerts_open_uq')
      .on(t.kind, t.areaCode, t.categoryCode, sql`coalesce(${t.cellKey}, '')`)
      .where(sql`${t.closedAt} is null`),
    index('alerts_county_idx').on(t.countyCode, t.beganAt),
    index('alerts_began_idx').on(t.beganAt),
  ],
);

/** One row per computation (scheduled, on demand, or on read): what it saw and what it changed. */
export const alertRuns = pgTable(
  'alert_runs',
  {
    id: serial('id').primaryKey(),
    /** The instant evaluated (`now` of the run). */
    asOf: ts('as_of').notNull(),
    /** 'schedule', 'demand' or 'read'. */
    trigger: text('trigger').notNull(),
    /** max(complaints.id) when the run read the counts: a read sees whether complaints arrived since. */
    complaintWatermark: bigint('complaint_watermark', { mode: 'number' }).notNull(),
    series: integer('series').notNull(),
    opened: integer('opened').notNull(),
    updated: integer('updated').notNull(),
    closed: integer('closed').notNull(),
    tookMs: integer('took_ms').notNull(),
    finishedAt: ts('finished_at').notNull().default(sql`now()`),
  },
  (t) => [index('alert_runs_finished_idx').on(t.finishedAt)],
);

/**
 * A staff member's subscription to an area (and everything inside it) × a level-1 category (null:
 * every category): each alert opening there writes a reminder to the `notifications` outbox.
 */
export const alertSubscriptions = pgTable(
  'alert_subscriptions',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    areaCode: text('area_code')
      .notNull()
      .references(() => divisions.code),
    categoryCode: text('category_code').references(() => categories.code),
    createdAt: ts('created_at').notNull().default(sql`now()`),
  },
  (t) => [
    uniqueIndex('alert_subscriptions_uq').on(t.userId, t.areaCode, sql`coalesce(${t.categoryCode}, '')`),
    index('alert_subscriptions_area_idx').on(t.areaCode),
  ],
);
