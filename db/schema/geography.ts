/** The person–household–building grid (人到户、户入楼、楼上图) and the areas above it. */
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  index,
  integer,
  pgTable,
  serial,
  smallint,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { multiPolygon, point, polygon } from '../columns';
import { buildingUse, divisionLevel, facilityKind } from './enums';

/** City, county, town and village areas. `code` is the 12-digit statistical code. */
export const divisions = pgTable(
  'divisions',
  {
    code: text('code').primaryKey(),
    parentCode: text('parent_code').references((): AnyPgColumn => divisions.code),
    name: text('name').notNull(),
    level: divisionLevel('level').notNull(),
    /** Urban–rural class (111 main urban … 220 village), where known. */
    urCode: text('ur_code'),
    centre: point('centre'),
    boundary: multiPolygon('boundary').notNull(),
    /** 'real' for the 5 counties (public data), 'synthesised' below them. */
    boundarySource: text('boundary_source').notNull(),
    population: integer('population'),
  },
  (t) => [
    index('divisions_boundary_gist').using('gist', t.boundary),
    index('divisions_centre_gist').using('gist', t.centre),
    index('divisions_parent_idx').on(t.parentCode),
    index('divisions_level_idx').on(t.level),
  ],
);

/** 网格: the unit a grid worker owns, inside one village area. */
export const grids = pgTable(
  'grids',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    villageCode: text('village_code')
      .notNull()
      .references(() => divisions.code),
    boundary: multiPolygon('boundary').notNull(),
  },
  (t) => [
    index('grids_boundary_gist').using('gist', t.boundary),
    index('grids_village_idx').on(t.villageCode),
  ],
);

/** 楼栋. */
export const buildings = pgTable(
  'buildings',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull().unique(),
    gridId: integer('grid_id')
      .notNull()
      .references(() => grids.id),
    address: text('address').notNull(),
    use: buildingUse('use').notNull(),
    floors: smallint('floors').notNull(),
    footprint: polygon('footprint').notNull(),
    centre: point('centre').notNull(),
  },
  (t) => [
    index('buildings_footprint_gist').using('gist', t.footprint),
    index('buildings_centre_gist').using('gist', t.centre),
    index('buildings_grid_idx').on(t.gridId),
  ],
);

/** 户. */
export const households = pgTable(
  'households',
  {
    id: serial('id').primaryKey(),
    buildingId: integer('building_id')
      .notNull()
      .references(() => buildings.id),
    /** Unit and room, e.g. "2单元301". */
    unit: text('unit').notNull(),
    size: smallint('size').notNull(),
  },
  (t) => [index('households_building_idx').on(t.buildingId)],
);

/** 人: the minimum a grid needs. Never shown unmasked outside the jurisdiction. */
export const persons = pgTable(
  'persons',
  {
    id: serial('id').primaryKey(),
    householdId: integer('household_id')
      .notNull()
      .references(() => households.id),
    name: text('name').notNull(),
    gender: text('gender').notNull(),
    birthYear: smallint('birth_year').notNull(),
    phone: text('phone'),
    isHead: integer('is_head').notNull().default(0),
  },
  (t) => [index('persons_household_idx').on(t.householdId)],
);

/** Community health centres, schools, markets, residential compounds … each with its supervising office. */
export const facilities = pgTable(
  'facilities',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull().unique(),
    kind: facilityKind('kind').notNull(),
    name: text('name').notNull(),
    divisionCode: text('division_code')
      .notNull()
      .references(() => divisions.code),
    location: point('location').notNull(),
    /** The compound's outline for residential compounds; null for point facilities. */
    boundary: polygon('boundary'),
    buildingId: integer('building_id').references(() => buildings.id),
    /** offices.id of the office that supervises it (e.g. the district health bureau). */
    supervisingOfficeId: integer('supervising_office_id').notNull(),
    /** The operator, e.g. the property-management company of a compound. */
    operator: text('operator'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [
    index('facilities_location_gist').using('gist', t.location),
    index('facilities_boundary_gist').using('gist', t.boundary),
    index('facilities_kind_idx').on(t.kind),
    index('facilities_office_idx').on(t.supervisingOfficeId),
    index('facilities_division_idx').on(t.divisionCode),
    /** The linker's "the point is inside this facility's building" (`listLinkCandidates`). */
    index('facilities_building_idx').on(t.buildingId),
  ],
);
