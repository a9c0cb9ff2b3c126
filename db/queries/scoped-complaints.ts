/**
 * Complaints as the caller may see them. Every query ANDs the policy's `complaintScope(viewer)`;
 * the reporter's contact (complaint_contacts) leaves here masked (`contactAccess`), and in full only
 * through `getScopedContact`, which the audited unmask verb alone calls.
 */
import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import { maskName, maskPhone } from '@/lib/auth/mask';
import { type ContactAccess, complaintScope, contactAccess } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import type { DbOrTx } from '../client';
import { complaintContacts, complaints, offices } from '../schema';

type Viewer = Pick<AuthUser, 'id' | 'role' | 'jurisdiction'>;

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

/**
 * One complaint inside the viewer's jurisdiction, or null (absent and out of scope look the same).
 * The contact is masked (or null: anonymous, or a role that reads none); `contactAccess` says
 * whether the viewer may unmask it.
 */
export async function getScopedComplaint(db: DbOrTx, params: { viewer: Viewer; id: number }) {
  const rows = await db
    .select(complaintColumns)
    .from(complaints)
    .leftJoin(offices, eq(offices.id, complaints.responsibleOfficeId))
    .where(and(eq(complaints.id, params.id), complaintScope(params.viewer)))
    .limit(1);
  const complaint = rows[0];
  if (!complaint) return null;
  const access: ContactAccess = complaint.anonymous ? 'none' : contactAccess(params.viewer, complaint);
  const contact = access === 'none' ? null : await readContact(db, complaint.id);
  if (!contact) return { ...complaint, contact: null, contactAccess: 'none' as ContactAccess };
  return {
    ...complaint,
    contact: { name: contact.name === null ? null : maskName(contact.name), phone: maskPhone(contact.phone) },
    contactAccess: access,
  };
}

async function readContact(db: DbOrTx, complaintId: number) {
  const contacts = await db
    .select({ name: complaintContacts.name, phone: complaintContacts.phone })
    .from(complaintContacts)
    .where(eq(complaintContacts.complaintId, complaintId))
    .limit(1);
  return contacts[0] ?? null;
}

/**
 * The reporter's full contact, for the audited unmask verb only: null when the complaint is out of
 * scope; `access` other than 'full' carries no contact.
 */
export async function getScopedContact(db: DbOrTx, params: { viewer: Viewer; id: number }) {
  const complaint = await getScopedComplaint(db, params);
  if (!complaint) return null;
  if (complaint.contactAccess !== 'full')
    return { complaint, access: complaint.contactAccess, contact: null };
  return { complaint, access: 'full' as const, contact: await readContact(db, complaint.id) };
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
