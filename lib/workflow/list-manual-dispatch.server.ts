import 'server-only';
import type { DbOrTx } from '@/db/client';
import { listDispatchQueue } from '@/db/queries/cases';
import { assertCan, complaintScope } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';

/** 待人工派单: cases near a boundary, without a routing match, or returned (退单), in the inspector's division. */
export async function listManualDispatch(db: DbOrTx, input: { user: AuthUser }) {
  assertCan(input.user, 'complaint.dispatch');
  return listDispatchQueue(db, { scope: complaintScope(input.user) });
}
