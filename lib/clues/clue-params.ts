import { z } from 'zod';
import { CLUE_STATUSES } from './clue-workflow';

const date = z.iso
  .datetime({ offset: true })
  .or(z.iso.date())
  .transform((v) => new Date(v));

/** A window, default the last 12 months up to now. */
export const windowQuery = z
  .object({
    from: date.optional(),
    to: date.optional(),
    division: z
      .string()
      .regex(/^\d{12}$/, 'a 12-digit division code')
      .optional(),
  })
  .transform((q) => {
    const to = q.to ?? new Date();
    const from = q.from ?? new Date(to.getTime() - 365 * 86_400_000);
    return { window: { from, to }, divisionCode: q.division };
  })
  .refine((q) => q.window.from < q.window.to, { message: 'from must be before to', path: ['from'] });

export const createClueBody = z.object({
  findingKey: z.string().min(3).max(200),
  from: date,
  to: date,
  division: z
    .string()
    .regex(/^\d{12}$/)
    .optional(),
  note: z.string().max(2000).optional(),
});

export const moveClueBody = z.object({
  to: z.enum(CLUE_STATUSES),
  note: z.string().trim().min(2, 'a note is required').max(2000),
});
