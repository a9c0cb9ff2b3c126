import 'server-only';
import type { DbOrTx } from '@/db/client';
import { listComplaintAttachments } from '@/db/queries/intake';
import type { AuthUser } from '@/lib/auth/types';
import { getComplaint } from '@/lib/complaints/get-complaint.server';
import { signAttachmentUrl } from './signed-url';

/**
 * Attachments of a complaint the user may read (jurisdiction and misconduct rules through
 * `getComplaint`: out of scope is NOT_FOUND), each with an expiring signed link.
 */
export async function listAttachmentLinks(
  db: DbOrTx,
  input: { user: AuthUser; complaintId: number; now?: number },
) {
  await getComplaint(db, { user: input.user, id: input.complaintId });
  const rows = await listComplaintAttachments(db, input.complaintId);
  return rows.map((r) => ({ ...r, url: signAttachmentUrl(r.id, input.now) }));
}
