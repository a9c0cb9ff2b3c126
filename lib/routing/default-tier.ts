/**
 * The tier that handles a level-2 category by default (triage's first guess of the tier), from the
 * taxonomy the demo city ships. Unknown codes go to the town (镇/街道), the tier that 属地管理 puts
 * in charge of most local problems.
 */
import { CATEGORIES } from '@/db/seed/corpus/categories';
import type { Tier } from './router';

const TIERS = new Map<string, Tier>(
  CATEGORIES.flatMap((c) => c.children.map((s) => [s.code, s.tier] as const)),
);

export function defaultTier(categoryCode: string): Tier {
  return TIERS.get(categoryCode) ?? 'town';
}
