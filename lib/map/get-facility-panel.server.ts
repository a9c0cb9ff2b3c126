import 'server-only';
import type { DbOrTx } from '@/db/client';
import {
  countUnconfirmedFacilityLinks,
  getScopedFacility,
  listFacilityBuildings,
  listFacilityComplaints,
  listFacilityMonthCounts,
} from '@/db/queries/facility-panel';
import { assertCan, complaintMapScope, facilityScope } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { AppError } from '@/lib/http/errors';
import type { FacilityPanel } from './facility-panel.types';
import { lastMonths } from './last-months';

const RECENT = 30;

/**
 * One facility on the map: its supervising office, its complaints by category over 12 months, its
 * buildings and its recent complaints. Outside the caller's jurisdiction → NOT_FOUND; complaints
 * only as far as the caller may read them (none for admins, never misconduct reports).
 */
export async function getFacilityPanel(
  db: DbOrTx,
  input: { user: AuthUser; facilityId: number; now: Date },
): Promise<FacilityPanel> {
  assertCan(input.user, 'building.read');
  const f = await getScopedFacility(db, { id: input.facilityId, scope: facilityScope(input.user) });
  if (!f) throw new AppError('NOT_FOUND', 'Facility not found');
  const scope = complaintMapScope(input.user);
  const { months, from } = lastMonths(input.now);
  const [counts, unconfirmed, buildings, complaints] = await Promise.all([
    listFacilityMonthCounts(db, { facilityId: f.id, scope, from }),
    countUnconfirmedFacilityLinks(db, { facilityId: f.id, scope, from }),
    listFacilityBuildings(db, { facilityId: f.id, complaintScope: scope }),
    listFacilityComplaints(db, { facilityId: f.id, scope, now: input.now, limit: RECENT }),
  ]);
  const byCode = new Map<string, FacilityPanel['series'][number]>();
  for (const r of counts) {
    let s = byCode.get(r.code);
    if (!s) {
      s = { code: r.code, name: r.name, color: r.color, counts: months.map(() => 0), total: 0 };
      byCode.set(r.code, s);
    }
    const i = months.indexOf(r.month);
    if (i >= 0) {
      s.counts[i]! += r.n;
      s.total += r.n;
    }
  }
  const series = [...byCode.values()].filter((s) => s.total > 0).sort((a, b) => b.total - a.total);
  return {
    facility: {
      id: f.id,
      name: f.name,
      kind: f.kind,
      operator: f.operator,
      lng: f.lng,
      lat: f.lat,
      villageName: f.villageName,
      townName: f.townName,
    },
    office: { id: f.officeId, name: f.officeName, phone: f.officePhone },
    months,
    series,
    total: series.reduce((n, s) => n + s.total, 0),
    unconfirmed,
    buildings,
    complaints,
  };
}
