/**
 * A routing amendment (权责规则修正) proposed from a buck-passing pattern, and its replay. Pure.
 *
 * Proposal: the cases of one level-1 category in one town that bounced (returned or transferred)
 * mostly ended with one office; the amendment routes the (level-2) categories of those cases in that
 * town, at the tiers they were triaged to, straight to that office: one routing rule per category ×
 * tier, division = the town (level-2 rules, so that they win over the county's level-2 rules too).
 *
 * Replay over the cases of the last 12 months (same category, same town), each with the tier triage
 * gave it, its first dispatched office, the office it ended with and its bounces:
 * - routed differently: the amended routing table picks another first office than the one it got;
 * - returns avoided: the bounces of those cases whose new first office is the one they ended with
 *   (they would have gone there at once); no saving is claimed for any other case;
 * - new misroutes: cases that went right first time (no bounce) and that the amendment would now send
 *   to an office they did not end with — the amendment's cost, shown beside its benefit.
 */
import type { Router, Tier } from './router';

export interface ReplayCase {
  complaintId: number;
  /** The case's (level-2) category. */
  categoryCode: string;
  tier: Tier;
  villageCode: string;
  firstOfficeId: number | null;
  /** The office holding the case now (null while it waits for re-dispatch). */
  finalOfficeId: number | null;
  bounces: number;
}

export interface Amendment {
  /** Level-1 category. */
  categoryCode: string;
  /** The town. */
  divisionCode: string;
  officeId: number;
  /** One rule each: a level-2 category of that level 1, at a tier. */
  rules: { categoryCode: string; tier: Tier }[];
}

export interface ReplayResult {
  cases: number;
  bouncedCases: number;
  bounces: number;
  routedDifferently: number;
  /** Cases that would have gone straight to the office they ended with. */
  casesFixed: number;
  returnsAvoided: number;
  newMisroutes: number;
  /** Up to 20 example case ids of each kind. */
  fixedIds: number[];
  misrouteIds: number[];
}

/** The amendment a pattern suggests, or null when its bounced cases name no office they ended with. */
export function proposeAmendment(p: {
  categoryCode: string;
  divisionCode: string;
  cases: readonly ReplayCase[];
}): Amendment | null {
  const bounced = p.cases.filter((c) => c.bounces > 0 && c.finalOfficeId !== null);
  if (bounced.length === 0) return null;
  const votes = new Map<number, number>();
  for (const c of bounced) votes.set(c.finalOfficeId!, (votes.get(c.finalOfficeId!) ?? 0) + 1);
  const [officeId] = [...votes].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]!;
  const keys = new Set(
    bounced.filter((c) => c.finalOfficeId === officeId).map((c) => `${c.categoryCode}|${c.tier}`),
  );
  const rules = [...keys].sort().map((k) => {
    const [categoryCode, tier] = k.split('|') as [string, Tier];
    return { categoryCode, tier };
  });
  return { categoryCode: p.categoryCode, divisionCode: p.divisionCode, officeId, rules };
}

/** The rules an amendment adds (negative ids: not stored). */
export function amendmentRules(a: Amendment, note: string) {
  return a.rules.map((r, i) => ({
    id: -1 - i,
    category_code: r.categoryCode,
    tier: r.tier,
    division_code: a.divisionCode,
    office_id: a.officeId,
    co_office_ids: [] as number[],
    priority: 0,
    note,
  }));
}

export function replayAmendment(cases: readonly ReplayCase[], amended: Router): ReplayResult {
  const r: ReplayResult = {
    cases: cases.length,
    bouncedCases: 0,
    bounces: 0,
    routedDifferently: 0,
    casesFixed: 0,
    returnsAvoided: 0,
    newMisroutes: 0,
    fixedIds: [],
    misrouteIds: [],
  };
  for (const c of cases) {
    if (c.bounces > 0) {
      r.bouncedCases++;
      r.bounces += c.bounces;
    }
    const next = amended.resolve(c.categoryCode, c.tier, c.villageCode)?.office.id ?? null;
    if (next === null || next === c.firstOfficeId) continue;
    r.routedDifferently++;
    if (c.bounces > 0 && next === c.finalOfficeId) {
      r.casesFixed++;
      r.returnsAvoided += c.bounces;
      if (r.fixedIds.length < 20) r.fixedIds.push(c.complaintId);
    } else if (c.bounces === 0 && next !== c.finalOfficeId) {
      r.newMisroutes++;
      if (r.misrouteIds.length < 20) r.misrouteIds.push(c.complaintId);
    }
  }
  return r;
}
