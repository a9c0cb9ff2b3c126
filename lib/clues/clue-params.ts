import { z } from 'zod';
import { CLUE_STATUSES } from './clue-workflow';

const date = z.iso
  .datetime({ offset: true })
  .or(z.iso.date())
  .transform((v) => new Date(v));

/** A window: explicit bounds, or (no `from`) the settings' window up to `to` (default now), resolved by the verb. */
export const windowQuery = z
  .object({
    from: date.optional(),
    to: date.optional(),
    division: z
      .string()
      .regex(/^\d{12}$/, 'a 12-digit division code')
      .optional(),
  })
  .refine((q) => !q.from || q.from < (q.to ?? new Date()), {
    message: 'from must be before to',
    path: ['from'],
  })
  .transform((q) => ({ window: { from: q.from, to: q.to }, divisionCode: q.division }));

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
