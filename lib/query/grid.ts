/** Client calls of the grid worker's workspace: recording visits (to a building or after a case). */
import type { BuildingPanel } from '@/lib/map/map.types';
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

/** GET /api/map/buildings/:id for the workspace's drawer. */
export const buildingPanelQuery = (buildingId: number) => ({
  queryKey: ['grid', 'building-panel', buildingId] as const,
  queryFn: () => getJson<BuildingPanel>(`/api/map/buildings/${buildingId}`),
  staleTime: 60_000,
});
