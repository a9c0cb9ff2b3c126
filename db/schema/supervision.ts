/** 督办函, 抽查, 回访, 线索, and the hash-chained audit trail. */
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { complaints } from './complaints';
import { clueStatus, spotCheckResult, visitMethod } from './enums';
import { buildings, divisions, facilities, households } from './geography';
import { offices, users } from './organisation';

const ts = (name: string) => timestamp(name, { withTimezone: true });

export const supervisionLetters = pgTable(
  'supervision_letters',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull().unique(),
    complaintId: bigint('complaint_id', { mode: 'number' }).references(() => complaints.id),
    /** The office supervised. */
    officeId: integer('office_id')
      .notNull()
      .references(() => offices.id),
    /** The 纪委 office issuing it. */
    issuingOfficeId: integer('issuing_office_id')
      .notNull()
      .references(() => offices.id),
    issuedByUserId: integer('issued_by_user_id').references(() => users.id),
    reason: text('reason').notNull(),
    issuedAt: ts('issued_at').notNull().default(sql`now()`),
    dueAt: ts('due_at').notNull(),
    /** The supervised office confirms receipt (签收), then answers. */
    acknowledgedAt: ts('acknowledged_at'),
    acknowledgedByUserId: integer('acknowledged_by_user_id').references(() => users.id),
    answeredAt: ts('answered_at'),
    answer: text('answer'),
    answeredByUserId: integer('answered_by_user_id').references(() => users.id),
  },
  (t) => [
    index('supervision_letters_office_idx').on(t.officeId, t.issuedAt),
    index('supervision_letters_complaint_idx').on(t.complaintId),
  ],
);

export const spotChecks = pgTable(
  'spot_checks',
  {
    id: serial('id').primaryKey(),
    complaintId: bigint('complaint_id', { mode: 'number' })
      .notNull()
      .references(() => complaints.id),
    inspectorUserId: integer('inspector_user_id').references(() => users.id),
    /** The draw that picked it (null for seeded or ad-hoc checks) and the office whose work is checked. */
    drawId: integer('draw_id'),
    officeId: integer('office_id').references(() => offices.id),
    sampledAt: ts('sampled_at').notNull().default(sql`now()`),
    result: spotCheckResult('result').notNull().default('pending'),
    finding: text('finding'),
    checkedAt: ts('checked_at'),
  },
  (t) => [index('spot_checks_complaint_idx').on(t.complaintId), index('spot_checks_result_idx').on(t.result)],
);

/** 回访: a call or visit after a case, or a grid worker's visit to a building. */
export const followUpVisits = pgTable(
  'follow_up_visits',
  {
    id: serial('id').primaryKey(),
    complaintId: bigint('complaint_id', { mode: 'number' }).references(() => complaints.id),
    buildingId: integer('building_id').references(() => buildings.id),
    householdId: integer('household_id').references(() => households.id),
    visitorUserId: integer('visitor_user_id')
      .notNull()
      .references(() => users.id),
    method: visitMethod('method').notNull(),
    outcome: text('outcome').notNull(),
    note: text('note'),
    visitedAt: ts('visited_at').notNull().default(sql`now()`),
  },
  (t) => [
    index('follow_up_visits_complaint_idx').on(t.complaintId),
    index('follow_up_visits_building_idx').on(t.buildingId),
  ],
);

/** 线索: a pattern that points to a responsible office or person. */
export const clues = pgTable(
  'clues',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull().unique(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    score: real('score').notNull().default(0),
    status: clueStatus('status').notNull().default('new'),
    suspectedOfficeId: integer('suspected_office_id').references(() => offices.id),
    divisionCode: text('division_code').references(() => divisions.code),
    evidence: jsonb('evidence').$type<Record<string, unknown>>(),
    createdByUserId: integer('created_by_user_id').references(() => users.id),
    createdAt: ts('created_at').notNull().default(sql`now()`),
    updatedAt: ts('updated_at').notNull().default(sql`now()`),
  },
  (t) => [index('clues_status_idx').on(t.status), index('clues_division_idx').on(t.divisionCode)],
);

export const clueComplaints = pgTable(
  'clue_complaints',
  {
    clueId: integer('clue_id')
      .notNull()
      .references(() => clues.id),
    complaintId: bigint('complaint_id', { mode: 'number' })
      .notNull()
      .references(() => complaints.id),
  },
  (t) => [primaryKey({ columns: [t.clueId, t.complaintId] })],
);

/** Append-only audit records, each carrying the hash of the one before. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    actorUserId: integer('actor_user_id'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    data: jsonb('data').$type<Record<string, unknown>>(),
    ip: text('ip'),
    createdAt: ts('created_at').notNull().default(sql`now()`),
    /**
     * The record's place in the chain, given by the sealer (lib/audit/seal-audit-chain.server.ts)
     * with its predecessor's hash and its own; null (with both hashes) until then, about a second.
     */
    seq: bigint('seq', { mode: 'number' }),
    prevHash: text('prev_hash'),
    hash: text('hash'),
  },
  (t) => [
    index('audit_log_action_idx').on(t.action, t.createdAt),
    index('audit_log_actor_idx').on(t.actorUserId),
    uniqueIndex('audit_log_seq_idx').on(t.seq),
    index('audit_log_unsealed_idx').on(t.id).where(sql`${t.seq} is null`),
  ],
);

/** The clue workflow's trail: each status change or note by an inspector. */
export const clueNotes = pgTable(
  'clue_notes',
  {
    id: serial('id').primaryKey(),
    clueId: integer('clue_id')
      .notNull()
      .references(() => clues.id),
    authorUserId: integer('author_user_id').references(() => users.id),
    fromStatus: clueStatus('from_status'),
    toStatus: clueStatus('to_status'),
    note: text('note').notNull(),
    createdAt: ts('created_at').notNull().default(sql`now()`),
  },
  (t) => [index('clue_notes_clue_idx').on(t.clueId, t.createdAt)],
);

/**
 * Enforcement records (inspections, penalties) imported from the supervising offices' own systems
 * and linked to facilities, so that "many complaints, no enforcement" can be checked.
 */
export const enforcementActions = pgTable(
  'enforcement_actions',
  {
    id: serial('id').primaryKey(),
    facilityId: integer('facility_id')
      .notNull()
      .references(() => facilities.id),
    officeId: integer('office_id').references(() => offices.id),
    /** inspection 检查, penalty 处罚, rectification 责令整改 … */
    kind: text('kind').notNull(),
    actedOn: timestamp('acted_on', { withTimezone: true }).notNull(),
    result: text('result'),
    amountYuan: integer('amount_yuan'),
    /** The record's id in the source system, unique per source. */
    sourceRef: text('source_ref').notNull().unique(),
    importedAt: ts('imported_at').notNull().default(sql`now()`),
  },
  (t) => [index('enforcement_actions_facility_idx').on(t.facilityId, t.actedOn)],
);
