/**
 * Hot-spot bins (issue 17): complaint counts per metric base cell × area × own category × status ×
 * CST submission month, so Gi* and emerging hot spots over a whole city read pre-aggregated counts
 * instead of a million points. A base cell is the square (cx, cy) = (⌊x / 250⌋, ⌊y / 250⌋) of the
 * complaint's location in EPSG:4543 (`complaints.location_m`); a square analysis cell of any multiple
 * of 250 m is an exact union of base cells (PostGIS numbers its squares ⌊x / size⌋ from the same
 * origin). Only `kind = 'complaint'` rows are counted (misconduct reports are never statistics).
 * Kept exact by statement-level triggers on `complaints` (migration `hotspot_bins_triggers`); a status
 * or category change moves a count. Readers: db/queries/hotspots.ts.
 */
import { date, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { complaintStatus } from './enums';

/** Edge of a hot-spot base cell in metres (EPSG:4543). */
export const HOTSPOT_BASE_CELL = 250;

export const complaintHotspotBins = pgTable(
  'complaint_hotspot_bins',
  {
    /** First day of the submission month (Asia/Shanghai). */
    month: date('month').notNull(),
    /** '' when the complaint has no area code. */
    villageCode: text('village_code').notNull(),
    townCode: text('town_code').notNull(),
    countyCode: text('county_code').notNull(),
    /** ⌊x / 250⌋ and ⌊y / 250⌋ of `location_m`. */
    cx: integer('cx').notNull(),
    cy: integer('cy').notNull(),
    /** The complaint's own category code ('' when not triaged yet). */
    categoryCode: text('category_code').notNull(),
    status: complaintStatus('status').notNull(),
    /** Complaints in the bin (0 rows may remain after changes; readers sum and drop zeros). */
    n: integer('n').notNull(),
  },
  (t) => [
    primaryKey({
      name: 'complaint_hotspot_bins_pk',
      columns: [t.month, t.villageCode, t.townCode, t.countyCode, t.cx, t.cy, t.categoryCode, t.status],
    }),
  ],
);

/**
 * The hot-spot bins summed over category and status: complaints per base cell × area × CST month.
 * At a million complaints the bins hold about one row per complaint (a level-2 category and a status
 * split every cell-month); analyses without a category or status filter read this table, ≈ 6× fewer
 * rows. Kept exact by statement-level triggers on `complaint_hotspot_bins` itself (migration
 * `hotspot_cells_triggers`): every change of a bin's count moves its cell's count by the same amount.
 */
export const complaintHotspotCells = pgTable(
  'complaint_hotspot_cells',
  {
    month: date('month').notNull(),
    villageCode: text('village_code').notNull(),
    townCode: text('town_code').notNull(),
    countyCode: text('county_code').notNull(),
    cx: integer('cx').notNull(),
    cy: integer('cy').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [
    primaryKey({
      name: 'complaint_hotspot_cells_pk',
      columns: [t.month, t.villageCode, t.townCode, t.countyCode, t.cx, t.cy],
    }),
  ],
);
