import 'server-only';
import type { Db } from '@/db/client';
import { getTriagePredictor } from '@/lib/triage/get-triage-suggester.server';
import { triageText } from '@/lib/triage/triage-text';
import { getReferenceData } from '@/lib/workflow/get-reference-data.server';
import type { CategorySuggestion, SuggestResult } from './intake.types';

const TOP = 3;
const MIN_PROBABILITY = 0.05;

/**
 * The report form's category proposal for a text being typed: the keyword rule the triage would
 * apply on submission (admin-editable `triage_rules`), and the learned classifier's top categories
 * with their probabilities. Reads only cached data (rules, model, categories): no personal data.
 */
export async function suggestCategories(
  db: Db,
  input: { text: string; kind: 'complaint' | 'misconduct' },
): Promise<SuggestResult> {
  const [predict, reference] = await Promise.all([getTriagePredictor(db), getReferenceData(db)]);
  const rules = reference.triageRules;
  const leaf = (code: string) => {
    const c = reference.categories.get(code);
    return c && c.level === 2 ? c : undefined;
  };
  const triage = triageText(
    { title: '', description: input.text, categoryCode: null, kind: input.kind },
    { rules },
  );
  let rule: SuggestResult['rule'] = null;
  if (triage.categorySource === 'rule' && triage.categoryCode) {
    const hit = rules.find(
      (r) => triage.matchedRuleIds.includes(r.id) && r.categoryCode === triage.categoryCode,
    );
    const cat = leaf(triage.categoryCode);
    if (hit && cat) {
      rule = {
        id: hit.id,
        name: hit.name,
        categoryCode: triage.categoryCode,
        nameZh: cat.nameZh,
        nameEn: cat.nameEn,
      };
    }
  }
  const suggestions: CategorySuggestion[] = [];
  for (const r of predict?.(input.text, input.kind).ranked ?? []) {
    // The best guess always (a long letter unlike the corpus may be held below 0.5, still the best
    // guess), the others only when at least MIN_PROBABILITY.
    if (suggestions.length >= TOP || (suggestions.length > 0 && r.probability < MIN_PROBABILITY)) break;
    const cat = leaf(r.label);
    if (cat)
      suggestions.push({ code: r.label, nameZh: cat.nameZh, nameEn: cat.nameEn, probability: r.probability });
  }
  return { rule, suggestions, model: predict !== null };
}
