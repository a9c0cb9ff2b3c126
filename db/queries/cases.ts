/** Case lists and case-page parts for staff. Lists AND the `scope` their verb passes (the policy's `complaintScope(viewer)`). */
import { aliasedTable, and, asc, eq, inArray, isNull, notInArray, type SQL, sql } from 'drizzle-orm';
import type { InboxFilter } from '@/lib/workflow/inbox-filter';
import type { DbOrTx } from '../client';
import {
  attachments,
  buildings,
  categories,
  complaintEvents,
  complaints,
  households,
  offices,
  urgencyGrades,
  users,
} from '../schema';
import { queryRows } from '../sql';
import { caseFilterSql } from './case-filters';

const DONE = ['resolved', 'closed', 'merged', 'rejected'] as const;

const listColumns = {
  id: complaints.id,
  trackingCode: complaints.trackingCode,
  title: complaints.title,
  status: complaints.status,
  categoryCode: complaints.categoryCode,
  categoryName: categories.nameZh,
  categoryNameEn: categories.nameEn,
  urgencyCode: complaints.urgencyCode,
  urgencyName: urgencyGrades.nameZh,
  urgencyNameEn: urgencyGrades.nameEn,
  urgencyColor: urgencyGrades.color,
  address: complaints.address,
  responsibleOfficeId: complaints.responsibleOfficeId,
  responsibleOfficeName: offices.name,
  routingReason: complaints.routingReason,
  submittedAt: complaints.submittedAt,
  dispatchDueAt: complaints.dispatchDueAt,
  firstRepliedAt: complaints.firstRepliedAt,
  firstReplyDueAt: complaints.firstReplyDueAt,
  resolveDueAt: complaints.resolveDueAt,
};

/** The next deadline the office faces: the first reply until it is sent, then the resolution. */
const nextDue = sql`case when ${complaints.firstRepliedAt} is null then least(${complaints.firstReplyDueAt}, ${complaints.resolveDueAt}) else ${complaints.resolveDueAt} end`;

/** Open cases inside `scope` (a handler's: their office's, first-responsible or co-handling), soonest deadline first. */
export async function listInboxCases(
  db: DbOrTx,
  params: { scope: SQL; limit?: number; only?: InboxFilter | null; now?: Date },
) {
  return db
    .select(listColumns)
    .from(complaints)
    .leftJoin(offices, eq(offices.id, complaints.responsibleOfficeId))
    .leftJoin(categories, eq(categories.code, complaints.categoryCode))
    .leftJoin(urgencyGrades, eq(urgencyGrades.code, complaints.urgencyCode))
    .where(
      and(
        params.scope,
        notInArray(complaints.status, [...DONE]),
        params.only ? caseFilterSql(params.only, params.now ?? new Date()) : undefined,
      ),
    )
    .orderBy(sql`${nextDue} asc nulls last`, asc(complaints.id))
    .limit(Math.min(params.limit ?? 200, 500));
}

export type InboxCase = Awaited<ReturnType<typeof listInboxCases>>[number];

/** 待人工派单: triaged or returned cases with no office yet, oldest dispatch deadline first. */
export async function listDispatchQueue(db: DbOrTx, params: { scope: SQL; limit?: number }) {
  return db
    .select(listColumns)
    .from(complaints)
    .leftJoin(offices, eq(offices.id, complaints.responsibleOfficeId))
    .leftJoin(categories, eq(categories.code, complaints.categoryCode))
    .leftJoin(urgencyGrades, eq(urgencyGrades.code, complaints.urgencyCode))
    .where(
      and(
        params.scope,
        inArray(complaints.status, ['triaged', 'returned']),
        isNull(complaints.responsibleOfficeId),
      ),
    )
    .orderBy(asc(complaints.dispatchDueAt), asc(complaints.id))
    .limit(Math.min(params.limit ?? 200, 500));
}

const actorOffice = aliasedTable(offices, 'actor_office');

/** The whole timeline of one case (the caller has checked it may read the case). */
export async function listCaseEvents(db: DbOrTx, params: { complaintId: number }) {
  return db
    .select({
      id: complaintEvents.id,
      type: complaintEvents.type,
      fromStatus: complaintEvents.fromStatus,
      toStatus: complaintEvents.toStatus,
      actorName: users.displayName,
      actorOfficeName: actorOffice.name,
      publicNote: complaintEvents.publicNote,
      data: complaintEvents.data,
      public: complaintEvents.public,
      createdAt: complaintEvents.createdAt,
    })
    .from(complaintEvents)
    .leftJoin(users, eq(users.id, complaintEvents.actorUserId))
    .leftJoin(actorOffice, eq(actorOffice.id, complaintEvents.actorOfficeId))
    .where(eq(complaintEvents.complaintId, params.complaintId))
    .orderBy(asc(complaintEvents.createdAt), asc(complaintEvents.id));
}

export async function listCaseAttachments(db: DbOrTx, params: { complaintId: number }) {
  return db
    .select({
      id: attachments.id,
      kind: attachments.kind,
      mime: attachments.mime,
      sizeBytes: attachments.sizeBytes,
      createdAt: attachments.createdAt,
    })
    .from(attachments)
    .where(eq(attachments.complaintId, params.complaintId))
    .orderBy(asc(attachments.createdAt));
}

/** The building (楼栋) and household (户) a case is linked to, without any person data. */
export async function getCasePlace(
  db: DbOrTx,
  params: { buildingId: number | null; householdId: number | null },
) {
  const building = params.buildingId
    ? (
        await db
          .select({
            id: buildings.id,
            code: buildings.code,
            address: buildings.address,
            floors: buildings.floors,
          })
          .from(buildings)
          .where(eq(buildings.id, params.buildingId))
      )[0]
    : undefined;
  const household = params.householdId
    ? (
        await db
          .select({ id: households.id, unit: households.unit, size: households.size })
          .from(households)
          .where(eq(households.id, params.householdId))
      )[0]
    : undefined;
  return { building: building ?? null, household: household ?? null };
}

/** Offices a case may be dispatched or transferred to: those of its county (all tiers) and the county's own. */
export async function listOfficesForCase(db: DbOrTx, params: { countyCode: string | null }) {
  if (!params.countyCode) return [];
  return queryRows<{ id: number; name: string; tier: string }>(
    db,
    sql`select o.id, o.name, o.tier::text as tier from offices o
        join divisions d on d.code = o.division_code
        left join divisions t on t.code = d.parent_code
        left join divisions c on c.code = t.parent_code
        where ${params.countyCode} in (d.code, t.code, c.code) and o.kind <> 'discipline'
        order by o.tier, o.name`,
  );
}

export async function getCategoryAndUrgencyNames(
  db: DbOrTx,
  params: { categoryCode: string | null; urgencyCode: string | null },
) {
  const [cat] = params.categoryCode
    ? await db
        .select({ name: categories.nameZh, nameEn: categories.nameEn, color: categories.color })
        .from(categories)
        .where(eq(categories.code, params.categoryCode))
    : [];
  const [urg] = params.urgencyCode
    ? await db
        .select({ name: urgencyGrades.nameZh, nameEn: urgencyGrades.nameEn, color: urgencyGrades.color })
        .from(urgencyGrades)
        .where(eq(urgencyGrades.code, params.urgencyCode))
    : [];
  return { category: cat ?? null, urgency: urg ?? null };
}
