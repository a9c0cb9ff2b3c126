import { connection } from 'next/server';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { toErrorResponse } from '@/lib/http/errors';
import { readJson } from '@/lib/http/read-request';
import { assertSameOrigin } from '@/lib/http/same-origin';
import { issueSupervisionLetter } from '@/lib/supervision/issue-supervision-letter.server';

const bodySchema = z.object({
  complaintId: z.number().int().positive(),
  note: z.string().trim().max(1000).optional(),
  /** 'bouncing': a case returned or transferred twice or more (推诿扯皮), overdue or not. */
  ground: z.enum(['overdue', 'bouncing']).optional(),
});

/** POST {complaintId, note?, ground?} → issue a 督办函 on an overdue or bouncing case (inspectors). */
export async function POST(request: Request) {
  await connection();
  try {
    assertSameOrigin(request);
    const user = await requireCurrentUser();
    const body = bodySchema.parse(await readJson(request));
    const letter = await issueSupervisionLetter(await getDb(), { user, ...body, now: new Date() });
    return Response.json({ letter }, { status: 201 });
  } catch (error) {
    return toErrorResponse(error);
  }
}
