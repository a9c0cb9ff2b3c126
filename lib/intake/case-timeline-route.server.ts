/**
 * The resident's three POSTs on one case (track, rate, reopen) share one route spec: public, no
 * Origin check (called from other sites and apps), the tracking limit per address, a JSON body the
 * verb parses itself; each answers the case's public timeline.
 */
import { z } from 'zod';
import type { Db } from '@/db/client';
import { jsonResponse } from '@/lib/http/json-response';
import { route } from '@/lib/http/route.server';
import { clientAddress, NO_STORE } from './http';
import type { PublicTimeline } from './public-timeline';
import { INTAKE_RATE_RULES } from './rate-rules';

export function caseTimelineRoute(
  verb: (db: Db, raw: unknown, options: { address?: string }) => Promise<PublicTimeline>,
  answer: { status?: number } = {},
) {
  return route(
    {
      auth: 'public',
      sameOrigin: false,
      rate: { key: 'track', rule: INTAKE_RATE_RULES.trackPerAddress },
      body: z.unknown(),
      json: { requireType: true },
    },
    async ({ db, body, request }) => {
      const timeline = await verb(db, body, { address: clientAddress(request) });
      return jsonResponse({ complaint: timeline }, { status: answer.status, headers: NO_STORE });
    },
  );
}
