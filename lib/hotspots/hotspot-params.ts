import { z } from 'zod';
import type { ComplaintFilter } from '@/db/queries/hotspots';
import { dateValue, FROM_AFTER_TO_MESSAGE, periodEnd, periodStart } from '@/lib/http/date-range';
import { AppError } from '@/lib/http/errors';

const list = z
  .string()
  .optional()
  .transform((v) => (v ? v.split(',').filter(Boolean) : undefined));

/** `from` / `to` of the one date grammar (lib/http/date-range.ts), as instants: `to` is exclusive after its last day. */
const fromDate = dateValue('from')
  .optional()
  .transform((v) => (v ? periodStart(v) : undefined));
const toDate = dateValue('to')
  .optional()
  .transform((v) => (v ? periodEnd(v) : undefined));

/** Query parameters of GET /api/analytics/hotspots. */
export const hotspotQuery = z.object({
  division: z
    .string()
    .regex(/^\d{12}$/, 'a 12-digit division code')
    .optional(),
  cellSize: z.coerce.number().int().min(100).max(20_000).default(1000),
  shape: z.enum(['square', 'hexagon']).default('square'),
  fdr: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  band: z.coerce.number().min(100).max(100_000).optional(),
  from: fromDate,
  to: toDate,
  category: list,
  status: list,
  urgency: list,
  channel: list,
  format: z.enum(['geojson', 'csv']).default('geojson'),
});

const common = {
  division: hotspotQuery.shape.division,
  category: list,
  status: list,
  urgency: list,
  channel: list,
};

/** Query parameters of GET /api/analytics/emerging. */
export const emergingQuery = z.object({
  ...common,
  cellSize: z.coerce.number().int().min(200).max(20_000).default(2000),
  months: z.coerce.number().int().min(4).max(36).default(12),
  timeWindow: z.coerce.number().int().min(0).max(3).default(1),
  /** The analysis as of the end of this day or month (its month is the final step); default now. */
  asOf: dateValue('asOf')
    .optional()
    .transform((v) => (v ? new Date(periodEnd(v).getTime() - 1) : undefined)),
  band: z.coerce.number().min(100).max(100_000).optional(),
  fdr: hotspotQuery.shape.fdr,
});

/** Query parameters of GET /api/analytics/clusters. */
export const clusterQuery = z.object({
  ...common,
  eps: z.coerce.number().min(10).max(5000).default(150),
  minPoints: z.coerce.number().int().min(2).max(500).default(8),
  from: fromDate,
  to: toDate,
});

/** The complaint filter named by the common query parameters of the analysis endpoints. */
export function filterOf(q: {
  from?: Date;
  to?: Date;
  category?: string[];
  status?: string[];
  urgency?: string[];
  channel?: string[];
}): ComplaintFilter {
  if (q.from && q.to && q.from >= q.to)
    throw new AppError('VALIDATION', `to: ${FROM_AFTER_TO_MESSAGE}`, [
      { path: 'to', message: FROM_AFTER_TO_MESSAGE },
    ]);
  return {
    from: q.from,
    to: q.to,
    categories: q.category,
    statuses: q.status,
    urgencies: q.urgency,
    channels: q.channel,
  };
}
