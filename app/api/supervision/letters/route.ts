import { z } from 'zod';
import { route } from '@/lib/http/route.server';
import { issueSupervisionLetter } from '@/lib/supervision/issue-supervision-letter.server';

const body = z.object({
  complaintId: z.number().int().positive(),
  note: z.string().trim().max(1000).optional(),
  /** 'bouncing': a case returned or transferred twice or more (推诿扯皮), overdue or not. */
  ground: z.enum(['overdue', 'bouncing']).optional(),
});

/** POST {complaintId, note?, ground?} → issue a 督办函 on an overdue or bouncing case (inspectors). */
export const POST = route({ auth: 'session', body, status: 201 }, async ({ db, user, body }) => ({
  letter: await issueSupervisionLetter(db, { user, ...body, now: new Date() }),
}));
