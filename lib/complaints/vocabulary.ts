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

/**
 * What a complaint's point is: `point` where the reporter stood or pinned (GPS, map pin); else where a
 * written address led (Open311 `address_string` without lat/long): a building's centre, a facility's
 * place, or a village's or town's centre. The last two are approximate: nothing is linked from them.
 */
export const LOCATION_PRECISIONS = ['point', 'building', 'facility', 'village', 'town'] as const;
export type LocationPrecision = (typeof LOCATION_PRECISIONS)[number];
