/** The contract of `POST /api/cases/[id]/links` (route, verb and browser share it). */
import { z } from 'zod';

const id = z.number().int().positive();

export const correctLinkInput = z.object({
  target: z.enum(['building', 'facility']),
  action: z.enum(['confirm', 'correct', 'clear']),
  buildingId: id.optional(),
  householdId: id.optional(),
  facilityId: id.optional(),
  note: z.string().trim().max(300).optional(),
});
export type CorrectLinkInput = z.infer<typeof correctLinkInput>;

export interface CorrectLinkResponse {
  eventId: number;
}
