/** 诉求 and everything that hangs off one: contact, events, attachments, ratings. */
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { METRIC_SRID, metricPoint, point } from '../columns';
import {
  attachmentKind,
  channel,
  complaintKind,
  complaintStatus,
  datum,
  importMode,
  linkMethod,
  linkState,
  locationPrecision,
  ratingLevel,
} from './enums';
import { buildings, divisions, facilities, grids, households } from './geography';
import { offices, users } from './organisation';
import { categories, urgencyGrades } from './taxonomy';

const ts = (name: string) => timestamp(name, { withTimezone: true });

export const complaints = pgTable(
  'complaints',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** Short, unguessable, easy to read aloud (no 0/O/1/I). */
    trackingCode: text('tracking_code').notNull().unique(),
    kind: complaintKind('kind').notNull().default('complaint'),
    channel: channel('channel').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    categoryCode: text('category_code').references(() => categories.code),
    urgencyCode: text('urgency_code').references(() => urgencyGrades.code),
    /** Why triage chose this category / urgency, in words a person can check. */
    triageReason: text('triage_reason'),
    /** WGS84. */
    location: point('location').notNull(),
    /** The location in metres (EPSG:4543), generated: grids, distances and DBSCAN without per-row transforms. */
    locationM: metricPoint('location_m').generatedAlwaysAs(sql.raw(`ST_Transform(location, ${METRIC_SRID})`)),
    /** The coordinates exactly as received, in `locationDatum`. */
    originalLng: text('original_lng'),
    originalLat: text('original_lat'),
    locationDatum: datum('location_datum').notNull().default('wgs84'),
    /** Whether `location` is where the reporter stood or pinned, or derived from a written address. */
    locationPrecision: locationPrecision('location_precision').notNull().default('point'),
    address: text('address'),
    /** Denormalised from the point for fast filters; set at intake by PostGIS containment. */
    countyCode: text('county_code').references(() => divisions.code),
    townCode: text('town_code').references(() => divisions.code),
    villageCode: text('village_code').references(() => divisions.code),
    gridId: integer('grid_id').references(() => grids.id),
    buildingId: integer('building_id').references(() => buildings.id),
    householdId: integer('household_id').references(() => households.id),
    facilityId: integer('facility_id').references(() => facilities.id),
    /**
     * How the building and the facility links were decided (`lib/linking/`): method, confidence 0..1,
     * the reason in words shown to staff, and whose decision it is (`auto` is the linker's and a re-run
     * may change it; `confirmed` / `corrected` are staff's and stay). Null method: no link decided.
     * The household comes through the building only.
     */
    buildingLinkMethod: linkMethod('building_link_method'),
    buildingLinkConfidence: real('building_link_confidence'),
    buildingLinkReason: text('building_link_reason'),
    buildingLinkState: linkState('building_link_state').notNull().default('auto'),
    facilityLinkMethod: linkMethod('facility_link_method'),
    facilityLinkConfidence: real('facility_link_confidence'),
    facilityLinkReason: text('facility_link_reason'),
    facilityLinkState: linkState('facility_link_state').notNull().default('auto'),
    anonymous: boolean('anonymous').notNull().default(false),
    /** Set when a grid worker (or other staff) reported on a resident's behalf. */
    reportedByUserId: integer('reported_by_user_id').references(() => users.id),
    status: complaintStatus('status').notNull().default('received'),
    responsibleOfficeId: integer('responsible_office_id').references(() => offices.id),
    coOfficeIds: integer('co_office_ids').array().notNull().default(sql`'{}'::integer[]`),
    routingReason: text('routing_reason'),
    mergedIntoId: bigint('merged_into_id', { mode: 'number' }).references((): AnyPgColumn => complaints.id),
    reopenCount: smallint('reopen_count').notNull().default(0),
    returnCount: smallint('return_count').notNull().default(0),
    idempotencyKey: text('idempotency_key').unique(),
    /** Set by the history importer only (`import_mode`): history rows never enter the live queues. */
    importedAs: importMode('imported_as'),
    submittedAt: ts('submitted_at').notNull().default(sql`now()`),
    triagedAt: ts('triaged_at'),
    dispatchedAt: ts('dispatched_at'),
    acceptedAt: ts('accepted_at'),
    firstRepliedAt: ts('first_replied_at'),
    resolvedAt: ts('resolved_at'),
    closedAt: ts('closed_at'),
    dispatchDueAt: ts('dispatch_due_at'),
    firstReplyDueAt: ts('first_reply_due_at'),
    resolveDueAt: ts('resolve_due_at'),
    updatedAt: ts('updated_at').notNull().default(sql`now()`),
  },
  (t) => [
    index('complaints_location_gist').using('gist', t.location),
    index('complaints_location_m_gist').using('gist', t.locationM),
    index('complaints_status_idx').on(t.status),
    index('complaints_kind_idx').on(t.kind),
    index('complaints_category_idx').on(t.categoryCode),
    index('complaints_urgency_idx').on(t.urgencyCode),
    index('complaints_office_due_idx').on(t.responsibleOfficeId, t.resolveDueAt),
    index('complaints_submitted_idx').on(t.submittedAt),
    index('complaints_resolve_due_idx').on(t.resolveDueAt),
    // The statistics' partial days (a custom range's ends) select by any of these dates: a BitmapOr of
    // range scans instead of a scan of every complaint per span.
    index('complaints_resolved_idx').on(t.resolvedAt),
    index('complaints_first_replied_idx').on(t.firstRepliedAt),
    index('complaints_first_reply_due_idx').on(t.firstReplyDueAt),
    index('complaints_county_idx').on(t.countyCode, t.submittedAt),
    index('complaints_town_idx').on(t.townCode, t.submittedAt),
    index('complaints_village_idx').on(t.villageCode, t.submittedAt),
    index('complaints_grid_idx').on(t.gridId),
    /** A grid worker's map and lists also show what they reported anywhere. */
    index('complaints_reported_by_idx').on(t.reportedByUserId),
    index('complaints_building_idx').on(t.buildingId),
    index('complaints_facility_idx').on(t.facilityId),
    index('complaints_channel_idx').on(t.channel),
  ],
);

/**
 * The complainant's contact, kept apart from the complaint so that no complaint query can
 * select it by accident. Absent for anonymous reports.
 */
export const complaintContacts = pgTable('complaint_contacts', {
  complaintId: bigint('complaint_id', { mode: 'number' })
    .primaryKey()
    .references(() => complaints.id),
  name: text('name'),
  phone: text('phone'),
  /** For the tracking check ("last 4 digits of your phone"). */
  phoneLast4: text('phone_last4'),
});

/** Append-only (a trigger refuses UPDATE and DELETE). */
export const complaintEvents = pgTable(
  'complaint_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    complaintId: bigint('complaint_id', { mode: 'number' })
      .notNull()
      .references(() => complaints.id),
    /** submitted, triaged, dispatched, accepted, replied, resolved, rated, reopened, returned, … */
    type: text('type').notNull(),
    fromStatus: complaintStatus('from_status'),
    toStatus: complaintStatus('to_status'),
    actorUserId: integer('actor_user_id').references(() => users.id),
    actorOfficeId: integer('actor_office_id').references(() => offices.id),
    /** Text the resident may read (office answer, rejection reason); internal notes go to `data`. */
    publicNote: text('public_note'),
    data: jsonb('data').$type<Record<string, unknown>>(),
    /** Whether the event shows on the public timeline. */
    public: boolean('public').notNull().default(false),
    createdAt: ts('created_at').notNull().default(sql`now()`),
  },
  (t) => [
    index('complaint_events_complaint_idx').on(t.complaintId, t.createdAt),
    index('complaint_events_type_idx').on(t.type, t.createdAt),
  ],
);

/** Files are stored outside the database; this row holds what was checked about them. */
export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    complaintId: bigint('complaint_id', { mode: 'number' }).references(() => complaints.id),
    kind: attachmentKind('kind').notNull(),
    mime: text('mime').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    uploadedByUserId: integer('uploaded_by_user_id').references(() => users.id),
    createdAt: ts('created_at').notNull().default(sql`now()`),
  },
  (t) => [index('attachments_complaint_idx').on(t.complaintId)],
);

/** 评价. `round` counts resolutions (1 for the first, 2 after one reopen …). */
export const ratings = pgTable(
  'ratings',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    complaintId: bigint('complaint_id', { mode: 'number' })
      .notNull()
      .references(() => complaints.id),
    round: smallint('round').notNull().default(1),
    level: ratingLevel('level').notNull(),
    comment: text('comment'),
    createdAt: ts('created_at').notNull().default(sql`now()`),
  },
  (t) => [index('ratings_complaint_idx').on(t.complaintId), index('ratings_created_idx').on(t.createdAt)],
);
