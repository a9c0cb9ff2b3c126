import 'server-only';
import type { Db } from '@/db/client';
import { listCategoryOptions } from '@/db/queries/admin';
import { listVillagesNearPoint } from '@/db/queries/routing';
import { assertCan } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { decideRouting } from '@/lib/routing/decide-routing';
import { defaultTier } from '@/lib/routing/default-tier';
import { loadRouter } from '@/lib/routing/load-router.server';
import { ROUTING_BOUNDARY_METERS } from '@/lib/routing/route-complaint.server';
import { type RoutingProbeInput, routingProbeInput } from './admin-input';
import type { RoutingProbe } from './admin-screen.types';
import { fieldError } from './field-error';

/**
 * "Test this point": what the routing engine (lib/routing, the same code intake uses) would decide
 * for a complaint of this category here, and why: the villages it found around the point with their
 * distances, the tier (triage's default for the category unless given), the rule and the decision's
 * reason. Reads only.
 */
export async function probeRouting(
  db: Db,
  actor: AuthUser,
  params: { input: RoutingProbeInput },
): Promise<RoutingProbe> {
  assertCan(actor, 'config.manage');
  const input = routingProbeInput.parse(params.input);
  const category = (await listCategoryOptions(db)).find((c) => c.code === input.categoryCode);
  if (!category) throw fieldError('categoryCode', 'categoryUnknown', input.categoryCode);
  const tier = input.tier ?? defaultTier(input.categoryCode);
  const meters = ROUTING_BOUNDARY_METERS;
  const [villages, router] = await Promise.all([
    listVillagesNearPoint(db, { lng: input.lng, lat: input.lat, meters }),
    loadRouter(db),
  ]);
  const decision = decideRouting(villages, router, {
    categoryCode: input.categoryCode,
    categoryName: category.nameZh,
    tier,
    meters,
  });
  return {
    tier,
    tierSource: input.tier ? ('given' as const) : ('default' as const),
    boundaryMeters: meters,
    villages: villages.map((v) => ({
      code: v.code,
      name: v.name,
      townName: v.townName,
      contains: v.contains,
      distanceM: Math.round(v.distanceM),
    })),
    decision,
  };
}
