import { connection } from 'next/server';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { toErrorResponse } from '@/lib/http/errors';
import { readJson } from '@/lib/http/read-request';
import { assertSameOrigin } from '@/lib/http/same-origin';
import { correctComplaintLink } from '@/lib/linking/correct-complaint-link.server';
import { type CorrectLinkResponse, correctLinkInput } from '@/lib/linking/correct-link-input';

const paramsSchema = z.object({ id: z.coerce.number().int().positive() });

/** POST {target, action, buildingId?, householdId?, facilityId?, note?} → confirm, correct or clear a link. */
export async function POST(request: Request, context: { params: Promise<{ id: string }> }) {
  await connection();
  try {
    assertSameOrigin(request);
    const user = await requireCurrentUser();
    const { id } = paramsSchema.parse(await context.params);
    const body = correctLinkInput.parse(await readJson(request));
    const result = await correctComplaintLink(await getDb(), {
      ...body,
      complaintId: id,
      user,
      now: new Date(),
    });
    return Response.json(result satisfies CorrectLinkResponse, { status: 200 });
  } catch (error) {
    return toErrorResponse(error);
  }
}
