/** Client calls of the grid worker's workspace: recording visits (to a building or after a case). */

export type VisitMethod = 'phone' | 'in_person' | 'meeting';

export interface VisitBody {
  method: VisitMethod;
  outcome: string;
  note?: string;
}

/** The server's `{error:{code,message}}` as a thrown error. */
export class GridApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function postJson(url: string, body: unknown): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) {
    const parsed = (await res.json().catch(() => null)) as {
      error?: { code?: string; message?: string };
    } | null;
    throw new GridApiError(parsed?.error?.code ?? 'INTERNAL', parsed?.error?.message ?? res.statusText);
  }
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
  queryFn: async (): Promise<BuildingPanelResponse> => {
    const res = await fetch(`/api/map/buildings/${buildingId}`);
    if (!res.ok) throw new GridApiError(String(res.status), res.statusText);
    return (await res.json()) as BuildingPanelResponse;
  },
  staleTime: 60_000,
});
