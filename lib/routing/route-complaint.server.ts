import 'server-only';
import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { listVillagesNearComplaint, loadRouter } from '@/db/queries/routing';
import { categories } from '@/db/schema';
import type { Tier } from './router';

/** Within this distance of another village's boundary a case goes to manual dispatch (unless both sides route alike). */
export const ROUTING_BOUNDARY_METERS = Number(process.env.SUQIU_ROUTING_BOUNDARY_METERS ?? 30);

const TIER_ZH: Record<Tier, string> = { county: '区/县', town: '镇/街道', village: '村/社区' };

export type RoutingDecision =
  | { kind: 'routed'; officeId: number; coOfficeIds: number[]; villageCode: string; reason: string }
  | { kind: 'manual'; reason: string; villageCodes: string[] };

/**
 * 权责匹配 for one complaint: the villages containing its point (PostGIS), then the routing table
 * (category × tier × division) for each. Routed only when the answer is unambiguous: no village
 * (outside every area), no rule, or a point within `boundaryMeters` of a village whose office
 * differs all go to the manual dispatch queue, with the reason written down — never a guess.
 */
export async function routeComplaint(
  db: DbOrTx,
  params: { complaintId: number; categoryCode: string; tier: Tier; boundaryMeters?: number },
): Promise<RoutingDecision> {
  const meters = params.boundaryMeters ?? ROUTING_BOUNDARY_METERS;
  const villages = await listVillagesNearComplaint(db, { complaintId: params.complaintId, meters });
  const home = villages.find((v) => v.contains);
  if (!home) {
    return {
      kind: 'manual',
      reason: '位置不在任何村/社区范围内，转人工派单',
      villageCodes: villages.map((v) => v.code),
    };
  }
  const router = await loadRouter(db);
  const route = router.resolve(params.categoryCode, params.tier, home.code);
  if (!route) {
    return {
      kind: 'manual',
      reason: `${params.categoryCode} 在${TIER_ZH[params.tier]}层级、${home.name}无匹配的权责规则，转人工派单`,
      villageCodes: [home.code],
    };
  }
  for (const other of villages) {
    if (other.code === home.code) continue;
    const alt = router.resolve(params.categoryCode, params.tier, other.code);
    if (alt?.office.id !== route.office.id) {
      return {
        kind: 'manual',
        reason: `位置距${other.name}边界仅${Math.round(other.distance_m)}米（阈值${meters}米），两侧责任单位不同（${route.office.name} / ${alt?.office.name ?? '无匹配'}），转人工派单`,
        villageCodes: [home.code, other.code],
      };
    }
  }
  const cats = await db
    .select({ code: categories.code, nameZh: categories.nameZh })
    .from(categories)
    .where(inArray(categories.code, [params.categoryCode, params.categoryCode.slice(0, 2)]));
  const cat = cats.find((c) => c.code === params.categoryCode) ?? cats[0];
  const catName = cat ? cat.nameZh : params.categoryCode;
  const co = route.coOffices.length ? `；协办：${route.coOffices.map((o) => o.name).join('、')}` : '';
  return {
    kind: 'routed',
    officeId: route.office.id,
    coOfficeIds: route.coOffices.map((o) => o.id),
    villageCode: home.code,
    reason: `${catName}（${params.categoryCode}）在${TIER_ZH[params.tier]}层级、${home.town_name ?? ''}${home.name} → ${route.office.name}${co}（${route.reason}）`,
  };
}
