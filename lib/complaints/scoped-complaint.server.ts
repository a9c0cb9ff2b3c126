import 'server-only';
/**
 * A complaint as the caller may see it: inside the policy's `complaintScope(viewer)`, the reporter's
 * contact masked (`contactAccess`), and in full only through `getScopedContact`, which the audited
 * unmask verb alone calls.
 */
import type { DbOrTx } from '@/db/client';
import { getComplaintInScope, readComplaintContact } from '@/db/queries/scoped-complaints';
import { maskName, maskPhone } from '@/lib/auth/mask';
import { type ContactAccess, complaintScope, contactAccess } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';

type Viewer = Pick<AuthUser, 'id' | 'role' | 'jurisdiction'>;

/**
 * One complaint inside the viewer's jurisdiction, or null (absent and out of scope look the same).
 * The contact is masked (or null: anonymous, or a role that reads none); `contactAccess` says
 * whether the viewer may unmask it.
 */
export async function getScopedComplaint(db: DbOrTx, params: { viewer: Viewer; id: number }) {
  const complaint = await getComplaintInScope(db, { scope: complaintScope(params.viewer), id: params.id });
  if (!complaint) return null;
  const access: ContactAccess = complaint.anonymous ? 'none' : contactAccess(params.viewer, complaint);
  const contact = access === 'none' ? null : await readComplaintContact(db, complaint.id);
  if (!contact) return { ...complaint, contact: null, contactAccess: 'none' as ContactAccess };
  return {
    ...complaint,
    contact: { name: contact.name === null ? null : maskName(contact.name), phone: maskPhone(contact.phone) },
    contactAccess: access,
  };
}

export type ScopedComplaint = NonNullable<Awaited<ReturnType<typeof getScopedComplaint>>>;

/**
 * The reporter's full contact, for the audited unmask verb only: null when the complaint is out of
 * scope; `access` other than 'full' carries no contact.
 */
export async function getScopedContact(db: DbOrTx, params: { viewer: Viewer; id: number }) {
  const complaint = await getScopedComplaint(db, params);
  if (!complaint) return null;
  if (complaint.contactAccess !== 'full')
    return { complaint, access: complaint.contactAccess, contact: null };
  return { complaint, access: 'full' as const, contact: await readComplaintContact(db, complaint.id) };
}
