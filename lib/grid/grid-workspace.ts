/**
 * The grid worker's workspace (/grid): its shape as the page receives it, and the follow-up visit
 * convention. Pure; shared by the verb (`get-grid-workspace.server.ts`) and the client components.
 */

/** A resolved complaint of the grid is due for a follow-up visit (回访) this many days after 办结. */
export const VISIT_DUE_DAYS = 7;
/** Resolutions older than this are no longer listed as due. */
export const VISIT_WINDOW_DAYS = 30;

export interface GridWorkspaceBuilding {
  id: number;
  code: string;
  address: string;
  use: string;
  floors: number;
  households: number;
  complaints: number;
  open: number;
  overdue: number;
  dueSoon: number;
  nextDueAt: string | null;
  lastVisitAt: string | null;
  lng: number;
  lat: number;
  footprint: GeoJSON.Polygon;
}

export interface GridWorkspaceCase {
  id: number;
  trackingCode: string;
  title: string;
  status: string;
  category: string | null;
  categoryEn: string | null;
  office: string | null;
  deadline: 'on_track' | 'due_soon' | 'overdue' | 'done';
  resolveDueAt: string | null;
  submittedAt: string;
  buildingId: number | null;
  buildingAddress: string | null;
}

export interface GridWorkspaceVisitDue {
  id: number;
  trackingCode: string;
  title: string;
  resolvedAt: string;
  visitDueAt: string;
  buildingId: number | null;
  buildingAddress: string | null;
}

export interface GridWorkspaceVisit {
  id: number;
  method: 'phone' | 'in_person' | 'meeting';
  outcome: string;
  note: string | null;
  visitedAt: string;
  visitor: string;
  buildingId: number | null;
  buildingAddress: string | null;
  complaintId: number | null;
}

export interface GridWorkspace {
  grid: {
    id: number;
    code: string;
    name: string;
    villageName: string | null;
    townName: string | null;
    boundary: GeoJSON.Geometry;
    bbox: [number, number, number, number];
  };
  /** Households' names and phones are not on this page; the building panel shows them per policy. */
  canVisit: boolean;
  canReport: boolean;
  buildings: GridWorkspaceBuilding[];
  openCases: GridWorkspaceCase[];
  visitsDue: GridWorkspaceVisitDue[];
  visits: GridWorkspaceVisit[];
  totals: {
    buildings: number;
    households: number;
    complaints: number;
    open: number;
    overdue: number;
    dueSoon: number;
  };
}

/** Sum the buildings' counts (the header's figures). */
export function gridTotals(buildings: readonly GridWorkspaceBuilding[]): GridWorkspace['totals'] {
  const totals = {
    buildings: buildings.length,
    households: 0,
    complaints: 0,
    open: 0,
    overdue: 0,
    dueSoon: 0,
  };
  for (const b of buildings) {
    totals.households += b.households;
    totals.complaints += b.complaints;
    totals.open += b.open;
    totals.overdue += b.overdue;
    totals.dueSoon += b.dueSoon;
  }
  return totals;
}
