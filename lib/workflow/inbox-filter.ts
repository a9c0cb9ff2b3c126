/**
 * The inbox's one-click filters (`/inbox?only=…`), the same conditions the workbench counts
 * (db/queries/case-filters.ts): to accept, overdue, due within 48 hours, first reply overdue. Pure.
 */
export const INBOX_FILTERS = ['to_accept', 'overdue', 'due_soon', 'reply_overdue'] as const;
export type InboxFilter = (typeof INBOX_FILTERS)[number];

export function parseInboxFilter(value: string | string[] | undefined): InboxFilter | null {
  const v = Array.isArray(value) ? value[0] : value;
  return (INBOX_FILTERS as readonly string[]).includes(v ?? '') ? (v as InboxFilter) : null;
}
