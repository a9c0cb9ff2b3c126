/**
 * 权责匹配 decision on data already read (pure): the villages containing or near the point, the
 * routing table, the category's name. Routed only when the answer is unambiguous: no village
 * (outside every area), no rule, or a point within `meters` of a village whose office differs all go
 * to the manual dispatch queue, with the reason written down — never a guess.
 */
import type { VillageNear } from '@/db/queries/routing';
import type { Router, Tier } from './router';

export type { VillageNear };

const TIER_ZH: Record<Tier, string> = { county: '区/县', town: '镇/街道', village: '村/社区' };

export type RoutingDecision =
  | {
      kind: 'routed';
      officeId: number;
      coOfficeIds: number[];
      villageCode: string;
      reason: string;
      ruleId: number;
    }
  | { kind: 'manual'; reason: string; villageCodes: string[] };

export function decideRouting(
  villages: readonly VillageNear[],
  router: Router,
  params: { categoryCode: string; categoryName: string | null; tier: Tier; meters: number },
): RoutingDecision {
  const { meters } = params;
  const home = villages.find((v) => v.contains);
  if (!home) {
    return {
      kind: 'manual',
      reason: '位置不在任何村/社区范围内，转人工派单',
      villageCodes: villages.map((v) => v.code),
    };
  }
  const route = router.resolve(params.categoryCode, params.tier, home.code);
  if (!route) {
    return {
      kind: 'manual',
      reason: `${params.categoryCode} 在${TIER_ZH[params.tier]}层级、${home.name}无匹配的权责规则，转人工派单`,
      villageCodes: [home.code],
    };
  }
  // 违纪违法线索 go to the 纪委 alone: a rule naming any other office (an admin's slip, or the very
  // office reported) sends the report to the 纪委's manual queue instead, and no co-handling office sees it.
  if (params.categoryCode.startsWith('JJ') && route.office.kind !== 'discipline') {
    return {
      kind: 'manual',
      reason: `违纪违法线索只由纪委受理，规则指向${route.office.name}，转人工派单`,
      villageCodes: [home.code],
    };
  }
  const coOffices = params.categoryCode.startsWith('JJ')
    ? route.coOffices.filter((o) => o.kind === 'discipline')
    : route.coOffices;
  for (const other of villages) {
    if (other.code === home.code) continue;
    const alt = router.resolve(params.categoryCode, params.tier, other.code);
    if (alt?.office.id !== route.office.id) {
      return {
        kind: 'manual',
        reason: `位置距${other.name}边界仅${Math.round(other.distanceM)}米（阈值${meters}米），两侧责任单位不同（${route.office.name} / ${alt?.office.name ?? '无匹配'}），转人工派单`,
        villageCodes: [home.code, other.code],
      };
    }
  }
  const catName = params.categoryName ?? params.categoryCode;
  const co = coOffices.length ? `；协办：${coOffices.map((o) => o.name).join('、')}` : '';
  return {
    kind: 'routed',
    officeId: route.office.id,
    coOfficeIds: coOffices.map((o) => o.id),
    villageCode: home.code,
    ruleId: route.ruleId,
    reason: `${catName}（${params.categoryCode}）在${TIER_ZH[params.tier]}层级、${home.townName ?? ''}${home.name} → ${route.office.name}${co}（${route.reason}）`,
  };
}
