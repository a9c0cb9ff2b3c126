/**
 * Query parameters of the /api/stats/… routes (zod). Period: `month`, or `from` + `to` of the one date
 * grammar (lib/http/date-range.ts: days or months, inclusive, read as the days they bound); default the
 * last complete month.
 */
import { z } from 'zod';
import { boundDay, fromAfterTo, fromNotAfterTo, periodFields } from '@/lib/http/date-range';
import { INDICATOR_IDS, type IndicatorId } from './definitions';
import { monthPeriod } from './period';
import { defaultMonth } from './url-state';

const area = z
  .string()
  .regex(/^\d{12}$/, 'a 12-digit division code')
  .optional();
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');

export const periodQuery = z
  .object({ area, month: month.optional(), ...periodFields() })
  .refine((q) => !q.from === !q.to, { message: 'from and to go together', path: ['to'] })
  .refine(fromNotAfterTo, fromAfterTo())
  .transform((q) => {
    if (q.from && q.to)
      return { areaCode: q.area ?? null, from: boundDay(q.from, 'from')!, to: boundDay(q.to, 'to')! };
    const p = monthPeriod(q.month ?? defaultMonth(new Date()));
    return { areaCode: q.area ?? null, from: p.from, to: p.to };
  });

export const trendQuery = z.object({
  area,
  month: month.optional(),
  count: z.coerce.number().int().min(1).max(36).default(12),
});

export const assessmentQuery = z.object({ area, month: month.optional() });

export const complaintsQuery = z
  .object({
    indicator: z.enum(INDICATOR_IDS as [IndicatorId, ...IndicatorId[]]),
    part: z.enum(['numerator', 'denominator']).default('numerator'),
    office: z.coerce.number().int().positive().optional(),
    category: z
      .string()
      .regex(/^([A-Z]{2})?$/)
      .optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .and(periodQuery);

export const areasQuery = z.object({ parent: area });
