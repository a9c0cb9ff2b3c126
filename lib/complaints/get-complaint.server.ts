import 'server-only';
import type { DbOrTx } from '@/db/client';
import { assertCan } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { AppError } from '@/lib/http/errors';
import { getScopedComplaint, type ScopedComplaint } from './scoped-complaint.server';

/**
 * One complaint for a staff user. A role that may not read complaints at all gets FORBIDDEN; a
 * complaint outside the caller's jurisdiction is NOT_FOUND, exactly like one that does not exist.
 */
export async function getComplaint(
  db: DbOrTx,
  input: { user: AuthUser; id: number },
): Promise<ScopedComplaint> {
  assertCan(input.user, 'complaint.read');
  const complaint = await getScopedComplaint(db, { viewer: input.user, id: input.id });
  if (!complaint) throw new AppError('NOT_FOUND', 'Complaint not found');
  return complaint;
}
