import 'server-only';
import type { DbOrTx } from '@/db/client';
import { listInboxCases } from '@/db/queries/cases';
import { assertCan, complaintScope } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import type { InboxFilter } from './inbox-filter';

/**
 * A handler's inbox: the open cases of their office (first-responsible or co-handling), soonest
 * deadline first; `only` narrows it to one of the workbench's figures.
 */
export async function listInbox(
  db: DbOrTx,
  input: { user: AuthUser; only?: InboxFilter | null; now?: Date },
) {
  assertCan(input.user, 'complaint.handle');
  return listInboxCases(db, { scope: complaintScope(input.user), only: input.only, now: input.now });
}
