/**
 * Complaints as the caller may see them. Every query ANDs the jurisdiction `scope` its verb passes
 * (the policy's `complaintScope(viewer)`, lib/complaints/scoped-complaint.server.ts); the reporter's
 * contact is read by itself (`readComplaintContact`), masked or not by the verb.
 */
import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { complaintContacts, complaints, offices } from '../schema';

const complaintColumns = {
  id: complaints.id,
  trackingCode: complaints.trackingCode,
  kind: complaints.kind,
  channel: complaints.channel,
  importedAs: complaints.importedAs,
  title: complaints.title,
  description: complaints.description,
  categoryCode: complaints.categoryCode,
  urgencyCode: complaints.urgencyCode,
  triageReason: complaints.triageReason,
  location: complaints.location,
  address: complaints.address,
  countyCode: complaints.countyCode,
  townCode: complaints.townCode,
  villageCode: complaints.villageCode,
  gridId: complaints.gridId,
  buildingId: complaints.buildingId,
  householdId: complaints.householdId,
  facilityId: complaints.facilityId,
  anonymous: complaints.anonymous,
  status: complaints.status,
  responsibleOfficeId: complaints.responsibleOfficeId,
  responsibleOfficeName: offices.name,
  coOfficeIds: complaints.coOfficeIds,
  routingReason: complaints.routingReason,
  reportedByUserId: complaints.reportedByUserId,
  reopenCount: complaints.reopenCount,
  returnCount: complaints.returnCount,
  submittedAt: complaints.submittedAt,
  triagedAt: complaints.triagedAt,
  dispatchedAt: complaints.dispatchedAt,
  acceptedAt: complaints.acceptedAt,
  firstRepliedAt: complaints.firstRepliedAt,
  resolvedAt: complaints.resolvedAt,
  closedAt: complaints.closedAt,
  dispatchDueAt: complaints.dispatchDueAt,
  firstReplyDueAt: complaints.firstReplyDueAt,
  resolveDueAt: complaints.resolveDueAt,
  updatedAt: complaints.updatedAt,
};

/** One complaint inside `scope`, or null (absent and out of scope look the same). */
export async function getComplaintInScope(db: DbOrTx, params: { scope: SQL; id: number }) {
  const rows = await db
    .select(complaintColumns)
    .from(complaints)
    .leftJoin(offices, eq(offices.id, complaints.responsibleOfficeId))
    .where(and(eq(complaints.id, params.id), params.scope))
    .limit(1);
  return rows[0] ?? null;
}

export type ComplaintInScope = NonNullable<Awaited<ReturnType<typeof getComplaintInScope>>>;

/** The reporter's name and phone as stored (null: none stored). */
export async function readComplaintContact(db: DbOrTx, complaintId: number) {
  const contacts = await db
    .select({ name: complaintContacts.name, phone: complaintContacts.phone })
    .from(complaintContacts)
    .where(eq(complaintContacts.complaintId, complaintId))
    .limit(1);
  return contacts[0] ?? null;
}

/** Complaints inside `scope`, newest first (no contacts). */
export async function listComplaintsInScope(
  db: DbOrTx,
  params: { scope: SQL; limit?: number; offset?: number; where?: SQL },
) {
  return db
    .select(complaintColumns)
    .from(complaints)
    .leftJoin(offices, eq(offices.id, complaints.responsibleOfficeId))
    .where(and(params.scope, params.where ?? sql`true`))
    .orderBy(desc(complaints.submittedAt), desc(complaints.id))
    .limit(Math.min(params.limit ?? 50, 500))
    .offset(params.offset ?? 0);
}
