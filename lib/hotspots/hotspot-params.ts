import { z } from 'zod';

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
