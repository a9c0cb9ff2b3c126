/** Client calls of the grid worker's workspace: recording visits (to a building or after a case). */
import { getJson, request } from './api-client';

export type VisitMethod = 'phone' | 'in_person' | 'meeting';

export interface VisitBody {
  method: VisitMethod;
  outcome: string;
  note?: string;
}

async function postJson(url: string, body: unknown): Promise<void> {
  await request<unknown>(url, { method: 'POST', body });
}

/** 走访: POST /api/map/buildings/:id/visits. */
export function recordBuildingVisit(buildingId: number, visit: VisitBody): Promise<void> {
  return postJson(`/api/map/buildings/${buildingId}/visits`, visit);
}

/** 回访 after a case: POST /api/cases/:id/visits. */
export function recordCaseVisit(complaintId: number, visit: VisitBody): Promise<void> {
  return postJson(`/api/cases/${complaintId}/visits`, visit);
}

/** The part of GET /api/map/buildings/:id the workspace's drawer shows. */
export interface BuildingPanelResponse {
  masked: boolean;
  households: {
    id: number;
    unit: string;
    size: number;
    persons: { name: string; phone: string | null; isHead: boolean }[];
  }[];
  complaints: { id: number; title: string; status: string; deadline: string; resolveDueAt: string | null }[];
}

export const buildingPanelQuery = (buildingId: number) => ({
  queryKey: ['grid', 'building-panel', buildingId] as const,
  queryFn: () => getJson<BuildingPanelResponse>(`/api/map/buildings/${buildingId}`),
  staleTime: 60_000,
});
