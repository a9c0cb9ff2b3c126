/**
 * Complaints as the caller may see them. Every query ANDs the policy's `complaintScope(viewer)`;
 * the contact (complaint_contacts) is joined only when the policy allows it.
 */
import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import { canReadComplaintContact, complaintScope } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import type { DbOrTx } from '../client';
import { complaintContacts, complaints, offices } from '../schema';

type Viewer = Pick<AuthUser, 'id' | 'role' | 'jurisdiction'>;

const complaintColumns = {
  id: complaints.id,
  trackingCode: complaints.trackingCode,
  kind: complaints.kind,
  channel: complaints.channel,
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

/** One complaint inside the viewer's jurisdiction, or null (absent and out of scope look the same). */
export async function getScopedComplaint(db: DbOrTx, params: { viewer: Viewer; id: number }) {
  const rows = await db
    .select(complaintColumns)
    .from(complaints)
    .leftJoin(offices, eq(offices.id, complaints.responsibleOfficeId))
    .where(and(eq(complaints.id, params.id), complaintScope(params.viewer)))
    .limit(1);
  const complaint = rows[0];
  if (!complaint) return null;
  if (!canReadComplaintContact(params.viewer) || complaint.anonymous) {
    return { ...complaint, contact: null };
  }
  const contacts = await db
    .select({ name: complaintContacts.name, phone: complaintContacts.phone })
    .from(complaintContacts)
    .where(eq(complaintContacts.complaintId, complaint.id))
    .limit(1);
  return { ...complaint, contact: contacts[0] ?? null };
}

export type ScopedComplaint = NonNullable<Awaited<ReturnType<typeof getScopedComplaint>>>;

/** Complaints inside the viewer's jurisdiction, newest first (no contacts). */
export async function listScopedComplaints(
  db: DbOrTx,
  params: { viewer: Viewer; limit?: number; offset?: number; where?: SQL },
) {
  return db
    .select(complaintColumns)
    .from(complaints)
    .leftJoin(offices, eq(offices.id, complaints.responsibleOfficeId))
    .where(and(complaintScope(params.viewer), params.where ?? sql`true`))
    .orderBy(desc(complaints.submittedAt), desc(complaints.id))
    .limit(Math.min(params.limit ?? 50, 500))
    .offset(params.offset ?? 0);
}
