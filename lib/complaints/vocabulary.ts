/**
 * The closed vocabularies of a complaint, declared once: the database enums (db/schema/enums.ts),
 * the workflow table, filters and forms all derive from these lists.
 */
export const COMPLAINT_STATUSES = [
  'received',
  'triaged',
  'dispatched',
  'accepted',
  'in_progress',
  'resolved',
  'reopened',
  'closed',
  'returned',
  'transferred',
  'escalated',
  'merged',
  'rejected',
] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/** How a complaint arrived. */
export const CHANNELS = ['web', 'wechat', 'hotline', 'grid_worker', 'open311', 'walk_in'] as const;
export type Channel = (typeof CHANNELS)[number];
