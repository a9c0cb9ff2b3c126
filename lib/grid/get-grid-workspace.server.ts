import 'server-only';
import type { DbOrTx } from '@/db/client';
import {
  getGridHeader,
  listGridBuildings,
  listGridOpenCases,
  listGridVisits,
  listGridVisitsDue,
} from '@/db/queries/grid-workspace';
import { assertCan, buildingScope, can, complaintMapScope, gridScope } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { AppError } from '@/lib/http/errors';
import {
  type GridWorkspace,
  type GridWorkspaceCase,
  type GridWorkspaceVisit,
  gridTotals,
  VISIT_DUE_DAYS,
  VISIT_WINDOW_DAYS,
} from './grid-workspace';

const iso = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString());

/**
 * 网格员工作台: the caller's own grid with its buildings (complaint counts, open and overdue
 * cases, the next deadline, the last visit), the open cases with deadlines, the follow-up visits due
 * and those recorded. Only a grid worker bound to a grid has one (FORBIDDEN otherwise). No person
 * data leaves here: households are counted, and the building panel shows them per policy.
 */
export async function getGridWorkspace(
  db: DbOrTx,
  input: { user: AuthUser; now: Date },
): Promise<GridWorkspace> {
  const { user, now } = input;
  assertCan(user, 'building.visit');
  if (user.jurisdiction.kind !== 'grid') throw new AppError('FORBIDDEN', 'A grid worker is bound to a grid');
  const gridId = user.jurisdiction.gridId;
  const complaintScope = complaintMapScope(user);
  const [header, buildings, openCases, visitsDue, visits] = await Promise.all([
    getGridHeader(db, { gridId, scope: gridScope(user) }),
    listGridBuildings(db, { gridId, buildingScope: buildingScope(user), complaintScope, now }),
    listGridOpenCases(db, { gridId, complaintScope, now, limit: 200 }),
    listGridVisitsDue(db, {
      gridId,
      complaintScope,
      now,
      windowDays: VISIT_WINDOW_DAYS,
      dueDays: VISIT_DUE_DAYS,
      limit: 100,
    }),
    listGridVisits(db, { gridId, limit: 30 }),
  ]);
  if (!header) throw new AppError('NOT_FOUND', 'Grid not found');
  const shapedBuildings = buildings.map((b) => ({
    ...b,
    nextDueAt: iso(b.nextDueAt),
    lastVisitAt: iso(b.lastVisitAt),
    footprint: JSON.parse(b.footprint) as GeoJSON.Polygon,
  }));
  return {
    grid: {
      id: header.id,
      code: header.code,
      name: header.name,
      villageName: header.villageName,
      townName: header.townName,
      boundary: JSON.parse(header.boundary) as GeoJSON.Geometry,
      bbox: header.bbox,
    },
    canVisit: can(user, 'building.visit'),
    canReport: can(user, 'complaint.reportOnBehalf'),
    buildings: shapedBuildings,
    openCases: openCases.map((c) => ({
      ...c,
      deadline: c.deadline as GridWorkspaceCase['deadline'],
      resolveDueAt: iso(c.resolveDueAt),
      submittedAt: iso(c.submittedAt)!,
    })),
    visitsDue: visitsDue.map((v) => ({
      id: v.id,
      trackingCode: v.trackingCode,
      title: v.title,
      resolvedAt: iso(v.resolvedAt)!,
      visitDueAt: iso(v.visitDueAt)!,
      buildingId: v.buildingId,
      buildingAddress: v.buildingAddress,
    })),
    visits: visits.map((v) => ({
      ...v,
      method: v.method as GridWorkspaceVisit['method'],
      visitedAt: iso(v.visitedAt)!,
    })),
    totals: gridTotals(shapedBuildings),
  };
}
