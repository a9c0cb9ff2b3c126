import 'server-only';
import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { listVillagesNearComplaint } from '@/db/queries/routing';
import { categories } from '@/db/schema';
import { decideRouting, type RoutingDecision } from './decide-routing';
import { loadRouter } from './load-router.server';
import type { Tier } from './router';

export type { RoutingDecision } from './decide-routing';

/** Within this distance of another village's boundary a case goes to manual dispatch (unless both sides route alike). */
export const ROUTING_BOUNDARY_METERS = Number(process.env.SUQIU_ROUTING_BOUNDARY_METERS ?? 30);

/**
 * 权责匹配 for one complaint: the villages containing its point (PostGIS), then the routing table
 * (category × tier × division) for each, decided by `decideRouting` (lib/routing/decide-routing.ts):
 * routed only when the answer is unambiguous, else the manual dispatch queue with the reason.
 * Intake decides the same way before its transaction, on cached reference data.
 */
export async function routeComplaint(
  db: DbOrTx,
  params: { complaintId: number; categoryCode: string; tier: Tier; boundaryMeters?: number },
): Promise<RoutingDecision> {
  const meters = params.boundaryMeters ?? ROUTING_BOUNDARY_METERS;
  const villages = await listVillagesNearComplaint(db, { complaintId: params.complaintId, meters });
  const [router, cats] = await Promise.all([
    loadRouter(db),
    db
      .select({ code: categories.code, nameZh: categories.nameZh })
      .from(categories)
      .where(inArray(categories.code, [params.categoryCode, params.categoryCode.slice(0, 2)])),
  ]);
  const cat = cats.find((c) => c.code === params.categoryCode) ?? cats[0];
  return decideRouting(villages, router, { ...params, categoryName: cat?.nameZh ?? null, meters });
}
