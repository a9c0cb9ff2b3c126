import 'server-only';
import type { DbOrTx } from '@/db/client';
import { AUDIT } from '@/lib/audit/actions';
import { writeAudit } from '@/lib/audit/write-audit.server';
import { assertCan } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { AppError } from '@/lib/http/errors';
import { getScopedContact } from './scoped-complaint.server';

export interface UnmaskedContact {
  complaintId: number;
  name: string | null;
  phone: string | null;
}

/**
 * 查看完整联系方式: the reporter's full name and phone, for a viewer the policy entitles
 * (`contactAccess` = 'full'), with a `contact.unmask` audit record in the same transaction: no
 * unmasked view without its record. Roles that read no contacts (leaders, admins) → FORBIDDEN; out
 * of jurisdiction → NOT_FOUND; visible but not entitled (a closed case, another or a co-handling
 * office) → FORBIDDEN; anonymous or no contact → NOT_FOUND.
 */
export async function unmaskContact(
  db: DbOrTx,
  input: { user: AuthUser; id: number; ip?: string | null; now?: Date },
): Promise<UnmaskedContact> {
  assertCan(input.user, 'complaint.readContact'); // leaders and admins: FORBIDDEN
  return db.transaction(async (tx) => {
    const found = await getScopedContact(tx, { viewer: input.user, id: input.id });
    if (!found) throw new AppError('NOT_FOUND', 'Complaint not found');
    if (found.access === 'none') throw new AppError('NOT_FOUND', 'This report carries no contact');
    if (found.access !== 'full' || !found.contact) {
      throw new AppError('FORBIDDEN', 'Not allowed: the full contact of this case');
    }
    await writeAudit(tx, {
      actorUserId: input.user.id,
      action: AUDIT.contactUnmask,
      targetType: 'complaint',
      targetId: found.complaint.id,
      data: { kind: found.complaint.kind, status: found.complaint.status, role: input.user.role },
      ip: input.ip ?? null,
      at: input.now,
    });
    return { complaintId: found.complaint.id, name: found.contact.name, phone: found.contact.phone };
  });
}
