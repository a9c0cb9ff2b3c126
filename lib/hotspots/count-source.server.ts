import 'server-only';
import type { SQL } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import {
  anyComplaintBetween,
  type BinnedSource,
  binJurisdiction,
  type ComplaintFilter,
} from '@/db/queries/hotspots';
import { HOTSPOT_BASE_CELL } from '@/db/schema/hotspot-bins';
import { can } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { binPlanGaps, planBins } from './bin-plan';

/** Where an analysis reads its counts: `auto` (the bins when they can answer exactly), or `raw` (the complaints). */
export type HotspotSource = 'auto' | 'raw';

/**
 * The bins' plan for an analysis over square cells, or null when only the complaints can answer
 * exactly: hexagons, a cell size that is not a multiple of the 250 m base cell, an urgency or channel
 * filter (not kept in the bins), a reader without a division jurisdiction, or `source: 'raw'`.
 */
export async function chooseCountSource(
  db: DbOrTx,
  user: AuthUser,
  request: { shape: 'square' | 'hexagon'; cellSize: number; filter: ComplaintFilter; source?: HotspotSource },
): Promise<{ source: BinnedSource; binScope: SQL } | null> {
  const j = user.jurisdiction;
  if (
    request.source === 'raw' ||
    request.shape !== 'square' ||
    request.cellSize % HOTSPOT_BASE_CELL !== 0 ||
    request.filter.urgencies?.length ||
    request.filter.channels?.length ||
    j.kind !== 'division' ||
    !can(user, 'complaint.read')
  )
    return null;
  const { from, to } = request.filter;
  const gaps = binPlanGaps(from, to);
  const [headBusy, tailBusy] = await Promise.all([
    gaps.head ? anyComplaintBetween(db, gaps.head) : false,
    gaps.tail ? anyComplaintBetween(db, gaps.tail) : false,
  ]);
  return {
    source: planBins(from, to, { head: !headBusy, tail: !tailBusy }),
    binScope: binJurisdiction(j.divisionCode, j.divisionLevel),
  };
}
