/**
 * 权责匹配 (pure; the seed and the live workflow share it): category × tier × division → first-responsible office and
 * co-handling offices, from the routing_rules table.
 *
 * Resolution: among rules with category = the level-2 code or its level-1 parent, the requested
 * tier, and division null or an ancestor-or-self of the complaint's village, take the one with the
 * most specific category (level 2 before level 1), then the most specific division (village >
 * town > county > null), then the highest priority. A rule with office_id null means "the office of
 * that tier serving the complaint's area that handles the level-1 category" (county: the line
 * department, else the government; town: the government, or the 纪委 for JJ; village: the 村(居)委会).
 */
import type { RoutingRuleRow, RoutingTable, RoutingTier } from '@/db/queries/routing';

export type Tier = RoutingTier;

export interface RouteOffice {
  id: number;
  code: string;
  name: string;
  kind: string;
  tier: Tier;
  divisionCode: string;
}

export interface Route {
  office: RouteOffice;
  coOffices: RouteOffice[];
  reason: string;
  ruleId: number;
}

/** A routing rule as stored (db/queries/routing.ts). */
export type RuleRow = RoutingRuleRow;

const LEVEL_RANK: Record<string, number> = { village: 3, town: 2, county: 1, city: 0 };

/**
 * The router over a routing table's rows (db/queries/routing.ts `loadRoutingTable`). `extraRules`:
 * rules not stored, replacing stored ones of the same category × tier × division (an amendment's replay).
 */
export function buildRouter(table: RoutingTable, extraRules: readonly RuleRow[] = []): Router {
  const key = (r: RuleRow) => `${r.category_code}|${r.tier}|${r.division_code ?? ''}`;
  const replaced = new Set(extraRules.map(key));
  const rules = [...table.rules.filter((r) => !replaced.has(key(r))), ...extraRules];
  const offices = new Map<number, RouteOffice>(
    table.offices.map((o) => [
      o.id,
      { id: o.id, code: o.code, name: o.name, kind: o.kind, tier: o.tier, divisionCode: o.division_code },
    ]),
  );
  const handlers = new Map<string, number[]>();
  for (const r of table.officeCategories) {
    const o = offices.get(r.office_id);
    if (!o) continue;
    const k = `${o.divisionCode}|${r.category_code}`;
    const list = handlers.get(k) ?? [];
    list.push(o.id);
    handlers.set(k, list);
  }
  const parents = new Map(table.divisions.map((d) => [d.code, { parent: d.parent_code, level: d.level }]));
  return new Router(rules, offices, handlers, parents);
}

export class Router {
  private readonly rulesByKey = new Map<string, RuleRow[]>();
  private readonly cache = new Map<string, Route | null>();

  constructor(
    rules: RuleRow[],
    readonly offices: Map<number, RouteOffice>,
    /** `${divisionCode}|${level1}` → office ids handling it there. */
    private readonly handlers: Map<string, number[]>,
    /** division code → parent code, and its level. */
    private readonly parents: Map<string, { parent: string | null; level: string }>,
  ) {
    for (const r of rules) {
      const key = `${r.category_code}|${r.tier}`;
      const list = this.rulesByKey.get(key) ?? [];
      list.push(r);
      this.rulesByKey.set(key, list);
    }
  }

  /** Ancestors-or-self of a division, most specific first. */
  lineage(code: string): string[] {
    const out: string[] = [];
    let c: string | null = code;
    while (c) {
      out.push(c);
      c = this.parents.get(c)?.parent ?? null;
    }
    return out;
  }

  private divisionAt(villageCode: string, tier: Tier): string | undefined {
    return this.lineage(villageCode).find((c) => this.parents.get(c)?.level === tier);
  }

  private defaultOffice(level1: string, tier: Tier, villageCode: string): RouteOffice | undefined {
    const div = this.divisionAt(villageCode, tier);
    if (!div) return undefined;
    const ids = this.handlers.get(`${div}|${level1}`) ?? [];
    const offices = ids.map((id) => this.offices.get(id)!).filter(Boolean);
    return offices.find((o) => o.kind === 'department') ?? offices[0];
  }

  resolve(categoryCode: string, tier: Tier, villageCode: string): Route | null {
    const key = `${categoryCode}|${tier}|${villageCode}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const level1 = categoryCode.slice(0, 2);
    const lineage = this.lineage(villageCode);
    let best: { rule: RuleRow; score: number } | undefined;
    for (const cat of categoryCode.length > 2 ? [categoryCode, level1] : [level1]) {
      for (const rule of this.rulesByKey.get(`${cat}|${tier}`) ?? []) {
        let divScore = 0;
        if (rule.division_code !== null) {
          if (!lineage.includes(rule.division_code)) continue;
          divScore = 1 + (LEVEL_RANK[this.parents.get(rule.division_code)?.level ?? 'city'] ?? 0);
        }
        const score = (cat.length > 2 ? 10_000 : 0) + divScore * 1000 + rule.priority;
        if (!best || score > best.score) best = { rule, score };
      }
    }
    let route: Route | null = null;
    if (best) {
      const office =
        best.rule.office_id !== null
          ? this.offices.get(best.rule.office_id)
          : this.defaultOffice(level1, tier, villageCode);
      if (office) {
        const coOffices = best.rule.co_office_ids
          .map((id) => this.offices.get(id))
          .filter((o): o is RouteOffice => o !== undefined && o.id !== office.id);
        const co = coOffices.length ? `，协办：${coOffices.map((o) => o.name).join('、')}` : '';
        route = {
          office,
          coOffices,
          ruleId: best.rule.id,
          reason: `权责匹配规则#${best.rule.id}（${best.rule.note ?? '属地管理'}）：首接责任单位 ${office.name}${co}`,
        };
      }
    }
    this.cache.set(key, route);
    return route;
  }
}
