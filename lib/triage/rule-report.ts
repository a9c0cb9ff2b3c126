/**
 * How each keyword rule behaves on a labelled set: how often it fires, and (where labels are category
 * codes) how often its category is the label's (precision) or at least its family. Pure.
 */
import { familyOf } from './decide-category';
import { TRIAGE_RULES, type TriageRule } from './rules';
import { matchRule } from './triage-text';

export interface RuleReport {
  id: string;
  name: string;
  urgency: string | null;
  fired: number;
  precision: number | null;
  familyPrecision: number | null;
}

export function evaluateRules(
  rows: readonly { text: string; label: string }[],
  rules: readonly TriageRule[] = TRIAGE_RULES,
): RuleReport[] {
  const coded = rows.every((r) => /^[A-Z]{2}\d{2}$/.test(r.label));
  return rules.map((rule) => {
    const hits = rows.filter((r) => matchRule(r.text, rule) !== null);
    const withCategory = rule.categoryCode && coded ? hits : [];
    return {
      id: rule.id,
      name: rule.name,
      urgency: rule.urgencyCode ?? null,
      fired: hits.length,
      precision:
        withCategory.length > 0
          ? withCategory.filter((r) => r.label === rule.categoryCode).length / withCategory.length
          : null,
      familyPrecision:
        withCategory.length > 0
          ? withCategory.filter((r) => familyOf(r.label) === familyOf(rule.categoryCode!)).length /
            withCategory.length
          : null,
    };
  });
}
