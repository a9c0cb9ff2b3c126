/**
 * Conditions on open `complaints` shared by the workbench's counts and the lists they link to, so a
 * figure and its list can never disagree. The caller adds "open" and the viewer's scope.
 */
import { type SQL, sql } from 'drizzle-orm';
import { DUE_SOON_HOURS } from '@/lib/sla/deadline-state';
import type { InboxFilter } from '@/lib/workflow/inbox-filter';

export type CaseFilter = InboxFilter | 'manual_queue';

const NOT_HISTORY = sql`complaints.imported_as is distinct from 'history'`;

export function caseFilterSql(filter: CaseFilter, now: Date): SQL {
  const at = sql`${now.toISOString()}::timestamptz`;
  switch (filter) {
    case 'to_accept':
      return sql`complaints.status = 'dispatched'`;
    // Imported history keeps its source's deadline but raises no deadline warning anywhere.
    case 'overdue':
      return sql`(complaints.resolve_due_at < ${at} and ${NOT_HISTORY})`;
    case 'due_soon':
      return sql`(complaints.resolve_due_at >= ${at} and complaints.resolve_due_at <= ${at} + make_interval(hours => ${DUE_SOON_HOURS}) and ${NOT_HISTORY})`;
    case 'reply_overdue':
      return sql`(complaints.first_replied_at is null and complaints.first_reply_due_at < ${at} and complaints.responsible_office_id is not null)`;
    case 'manual_queue':
      return sql`(complaints.status in ('triaged', 'returned') and complaints.responsible_office_id is null)`;
  }
}
