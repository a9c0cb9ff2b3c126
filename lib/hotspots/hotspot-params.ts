import { z } from 'zod';
import type { ComplaintFilter } from '@/db/queries/hotspots';

const list = z
  .string()
  .optional()
  .transform((v) => (v ? v.split(',').filter(Boolean) : undefined));

const isoDate = z
  .string()
  .optional()
  .refine((v) => v === undefined || !Number.isNaN(Date.parse(v)), 'must be an ISO date')
  .transform((v) => (v ? new Date(v) : undefined));

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
  from: isoDate,
  to: isoDate,
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
  /** The analysis as of this date (its month is the final step); default now. */
  asOf: isoDate,
  band: z.coerce.number().min(100).max(100_000).optional(),
  fdr: hotspotQuery.shape.fdr,
});

/** Query parameters of GET /api/analytics/clusters. */
export const clusterQuery = z.object({
  ...common,
  eps: z.coerce.number().min(10).max(5000).default(150),
  minPoints: z.coerce.number().int().min(2).max(500).default(8),
  from: isoDate,
  to: isoDate,
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
  return {
    from: q.from,
    to: q.to,
    categories: q.category,
    statuses: q.status,
    urgencies: q.urgency,
    channels: q.channel,
  };
}
