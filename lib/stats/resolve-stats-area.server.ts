import 'server-only';
import type { DbOrTx } from '@/db/client';
import { type AreaChild, getStatsArea, listAreaChildren, type StatsArea } from '@/db/queries/stats';
import { assertCan } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { AppError } from '@/lib/http/errors';

/**
 * The area a statistic is about: `areaCode` (default: the viewer's own division), which must lie
 * inside the viewer's division. Needs `stats.read` (inspectors, leaders); an area outside the
 * jurisdiction, or unknown, answers NOT_FOUND.
 */
export async function resolveStatsArea(
  db: DbOrTx,
  user: AuthUser,
  areaCode?: string | null,
): Promise<StatsArea> {
  assertCan(user, 'stats.read');
  const j = user.jurisdiction;
  if (j.kind !== 'division') throw new AppError('NOT_FOUND', 'Area not found');
  const area = await getStatsArea(db, areaCode || j.divisionCode);
  if (!area?.lineage.includes(j.divisionCode)) throw new AppError('NOT_FOUND', 'Area not found');
  return area;
}

/** The divisions directly below an area inside the viewer's jurisdiction (the area picker). */
export async function listStatsAreaChildren(
  db: DbOrTx,
  user: AuthUser,
  areaCode?: string | null,
): Promise<{ area: StatsArea; children: AreaChild[] }> {
  const area = await resolveStatsArea(db, user, areaCode);
  return { area, children: await listAreaChildren(db, area.code) };
}
