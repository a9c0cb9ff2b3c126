import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import {
  complaintInArea,
  getAreaAt,
  listComplaintsInPolygon,
  polygonContains,
  summariseComplaints,
} from '@/db/queries/map-panels';
import { grids } from '@/db/schema';
import { assertCan, complaintMapScope, gridScope } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { AppError } from '@/lib/http/errors';
import { type ComplaintFilter, lastTwelveMonths } from './filters';

/**
 * An area at a point (county, town, village or grid): the caller's complaints in it under the
 * filter, by category and status, the top problems, and the last 12 months.
 */
export async function getAreaSummary(
  db: DbOrTx,
  input: {
    user: AuthUser;
    lng: number;
    lat: number;
    level: 'county' | 'town' | 'village' | 'grid';
    filter: ComplaintFilter;
    now: Date;
  },
) {
  assertCan(input.user, 'map.read');
  const area = await getAreaAt(db, input);
  if (!area) throw new AppError('NOT_FOUND', 'No area here');
  if (area.level === 'grid') {
    const visible = await db
      .select({ id: grids.id })
      .from(grids)
      .where(and(eq(grids.id, Number(area.code)), gridScope(input.user)));
    if (visible.length === 0) throw new AppError('NOT_FOUND', 'No area here');
  }
  const summary = await summariseComplaints(db, {
    where: complaintInArea(area),
    scope: complaintMapScope(input.user),
    filter: input.filter,
    now: input.now,
    months: lastTwelveMonths(input.now),
  });
  return { area, ...summary };
}

/** A drawn rectangle or polygon: counts and the newest 100 complaints inside it. */
export async function summariseSelection(
  db: DbOrTx,
  input: { user: AuthUser; ring: [number, number][]; filter: ComplaintFilter; now: Date },
) {
  assertCan(input.user, 'map.read');
  const scope = complaintMapScope(input.user);
  const where = polygonContains(input.ring);
  const [summary, complaints] = await Promise.all([
    summariseComplaints(db, { where, scope, filter: input.filter, now: input.now, months: [] }),
    listComplaintsInPolygon(db, {
      ring: input.ring,
      scope,
      filter: input.filter,
      now: input.now,
      limit: 100,
    }),
  ]);
  return { ...summary, complaints };
}
