import 'server-only';
import type { DbOrTx } from '@/db/client';
import { listInboxCases } from '@/db/queries/cases';
import { assertCan } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';

/** A handler's inbox: the open cases of their office (first-responsible or co-handling), soonest deadline first. */
export async function listInbox(db: DbOrTx, input: { user: AuthUser }) {
  assertCan(input.user, 'complaint.handle');
  return listInboxCases(db, { viewer: input.user });
}
