import { windowQuery } from '@/lib/clues/clue-params';
import { detectFindings } from '@/lib/clues/detect-findings.server';
import { route } from '@/lib/http/route.server';

/** Cross-check findings (facility patterns, paper closure, spot-check failures, no enforcement). */
export const GET = route(
  { auth: 'session', query: windowQuery, cacheControl: 'no-store' },
  ({ db, user, query }) => detectFindings(db, user, query),
);
