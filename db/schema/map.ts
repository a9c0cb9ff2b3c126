/**
 * Precomputed map bins: complaint counts per square cell at five cell sizes, kept exact by
 * statement-level triggers on `complaints` (migration `0006_complaint_map_bins_triggers`).
 *
 * A cell at level `n` is the slippy-map tile (x, y) at zoom n (Web Mercator, 2^n × 2^n cells over the
 * world), so tiles at zoom ≤ n hold whole cells: nothing is split or counted twice at tile edges.
 * The map shows level ≈ zoom + 2.5 (cells of 32–64 px). Functionally dependent columns (county and
 * town of the village) cost no extra rows and let jurisdiction filters (and a Citus distribution
 * by county code) apply directly.
 */
import {
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
} from 'drizzle-orm/pg-core';
import { complaintKind, complaintStatus } from './enums';

export const complaintMapBins = pgTable(
  'complaint_map_bins',
  {
    /** Cell level n: 12 … 16. */
    level: smallint('level').notNull(),
    cx: integer('cx').notNull(),
    cy: integer('cy').notNull(),
    /** '' when the complaint has no area code. */
    countyCode: text('county_code').notNull(),
    townCode: text('town_code').notNull(),
    villageCode: text('village_code').notNull(),
    kind: complaintKind('kind').notNull(),
    /** Level-1 category code ('' when not triaged yet). */
    category: text('category').notNull(),
    /** First day of the submission month (Asia/Shanghai). */
    month: date('month').notNull(),
    /** Complaints in the bin (0 rows may remain after changes; readers sum and drop zeros). */
    n: integer('n').notNull(),
    /** Urgency-weighted count: 特急 3, 紧急 2, otherwise 1. */
    w: integer('w').notNull(),
    /** Sums of longitudes and latitudes, for the mean position of the bin's complaints. */
    sumLng: doublePrecision('sum_lng').notNull(),
    sumLat: doublePrecision('sum_lat').notNull(),
  },
  (t) => [
    primaryKey({
      name: 'complaint_map_bins_pk',
      columns: [t.level, t.cx, t.cy, t.countyCode, t.townCode, t.villageCode, t.kind, t.category, t.month],
    }),
    index('complaint_map_bins_county_idx').on(t.countyCode, t.level, t.month),
    index('complaint_map_bins_town_idx').on(t.townCode, t.level),
  ],
);

/**
 * The same bins without month and village: what a division's map shows when no time filter is set
 * (one row per cell × town × kind × level-1 category instead of ×12 months × villages), kept exact by
 * its own statement-level triggers (migration `0011_map_scale`). Village-level callers and month
 * filters read `complaint_map_bins`.
 */
export const complaintMapBinsAll = pgTable(
  'complaint_map_bins_all',
  {
    level: smallint('level').notNull(),
    cx: integer('cx').notNull(),
    cy: integer('cy').notNull(),
    countyCode: text('county_code').notNull(),
    townCode: text('town_code').notNull(),
    kind: complaintKind('kind').notNull(),
    category: text('category').notNull(),
    n: integer('n').notNull(),
    w: integer('w').notNull(),
    sumLng: doublePrecision('sum_lng').notNull(),
    sumLat: doublePrecision('sum_lat').notNull(),
  },
  (t) => [
    primaryKey({
      name: 'complaint_map_bins_all_pk',
      columns: [t.level, t.cx, t.cy, t.countyCode, t.townCode, t.kind, t.category],
    }),
  ],
);

/**
 * Complaint counts per area × own category × status × month, for the map's area panel (counts by
 * category and status, top problems, 12-month trend of a county, town or village) without reading
 * the area's complaints. Kept exact by statement-level triggers on `complaints` (migration
 * `0013_area_bins`); unlike the map bins, a status change moves a count. The deadline state depends
 * on the clock: readers count the open complaints themselves (partial index `complaints_open_map_idx`).
 */
export const complaintAreaBins = pgTable(
  'complaint_area_bins',
  {
    /** '' when the complaint has no area code. */
    countyCode: text('county_code').notNull(),
    townCode: text('town_code').notNull(),
    villageCode: text('village_code').notNull(),
    kind: complaintKind('kind').notNull(),
    /** The complaint's own category code ('' when not triaged yet). */
    categoryCode: text('category_code').notNull(),
    status: complaintStatus('status').notNull(),
    /** First day of the submission month (Asia/Shanghai). */
    month: date('month').notNull(),
    /** Complaints in the bin (0 rows may remain after changes; readers sum and drop zeros). */
    n: integer('n').notNull(),
  },
  (t) => [
    primaryKey({
      name: 'complaint_area_bins_pk',
      columns: [t.countyCode, t.townCode, t.villageCode, t.kind, t.categoryCode, t.status, t.month],
    }),
    index('complaint_area_bins_town_idx').on(t.townCode),
    index('complaint_area_bins_village_idx').on(t.villageCode),
  ],
);
