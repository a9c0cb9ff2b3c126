import 'server-only';
import type { DbOrTx } from '@/db/client';
import { getBoundsOf, listOfficeNames, listTopCategories } from '@/db/queries/map-panels';
import { assertCan, can } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { lastTwelveMonths } from './filters';
import type { MapSetup } from './map.types';

/** What the staff map needs before it draws: the caller's default view, categories, offices, months. */
export async function getMapSetup(db: DbOrTx, input: { user: AuthUser; now: Date }): Promise<MapSetup> {
  assertCan(input.user, 'map.read');
  const j = input.user.jurisdiction;
  const bounds =
    j.kind === 'grid'
      ? await getBoundsOf(db, { gridId: j.gridId })
      : j.kind === 'division' || j.kind === 'office'
        ? await getBoundsOf(db, { divisionCode: j.divisionCode })
        : null;
  const [categories, offices] = await Promise.all([listTopCategories(db), listOfficeNames(db)]);
  return {
    defaultBounds: bounds,
    categories,
    offices,
    months: lastTwelveMonths(input.now),
    role: input.user.role,
    seesComplaints: can(input.user, 'complaint.read'),
    seesStats: can(input.user, 'stats.read') && input.user.jurisdiction.kind === 'division',
  };
}
