import 'server-only';
import type { DbOrTx } from '@/db/client';
import {
  areaBinCondition,
  areaBinsCanAnswer,
  complaintInArea,
  getAreaAt,
  gridVisible,
  listComplaintsInPolygon,
  polygonContains,
  summariseAreaBins,
  summariseComplaints,
} from '@/db/queries/map-panels';
import { assertCan, complaintBinScope, complaintMapScope, gridScope } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { AppError } from '@/lib/http/errors';
import { type ComplaintFilter, lastTwelveMonths } from './filters';
import type { AreaSummary, SelectionSummary } from './map.types';

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
): Promise<AreaSummary> {
  assertCan(input.user, 'map.read');
  const area = await getAreaAt(db, input);
  if (!area) throw new AppError('NOT_FOUND', 'No area here');
  if (area.level === 'grid') {
    if (!(await gridVisible(db, { id: Number(area.code), scope: gridScope(input.user) })))
      throw new AppError('NOT_FOUND', 'No area here');
  }
  const where = complaintInArea(area);
  const scope = complaintMapScope(input.user);
  const months = lastTwelveMonths(input.now);
  // A division's counts come from the area bins when the caller's jurisdiction and the filter allow
  // (same answer); grids, other jurisdictions (grid workers, handlers) and other filters read the complaints.
  const binWhere = areaBinCondition(area);
  const binScope = complaintBinScope(input.user);
  const summary =
    binWhere && binScope && areaBinsCanAnswer(input.filter)
      ? await summariseAreaBins(db, {
          binWhere,
          where,
          binScope,
          scope,
          filter: input.filter,
          now: input.now,
          months,
        })
      : await summariseComplaints(db, { where, scope, filter: input.filter, now: input.now, months });
  return { area, ...summary };
}

/** A drawn rectangle or polygon: counts and the newest 100 complaints inside it. */
export async function summariseSelection(
  db: DbOrTx,
  input: { user: AuthUser; ring: [number, number][]; filter: ComplaintFilter; now: Date },
): Promise<SelectionSummary> {
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
