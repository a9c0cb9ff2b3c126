import { z } from 'zod';
import { route } from '@/lib/http/route.server';
import { correctComplaintLink } from '@/lib/linking/correct-complaint-link.server';
import { type CorrectLinkResponse, correctLinkInput } from '@/lib/linking/correct-link-input';

const params = z.object({ id: z.coerce.number().int().positive() });

/** POST {target, action, buildingId?, householdId?, facilityId?, note?} → confirm, correct or clear a link. */
export const POST = route(
  { auth: 'session', params, body: correctLinkInput },
  ({ db, user, params, body }): Promise<CorrectLinkResponse> =>
    correctComplaintLink(db, { ...body, complaintId: params.id, user, now: new Date() }),
);
