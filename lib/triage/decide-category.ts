/**
 * What triage does with the classifier's calibrated ranking: a level-2 category when its own
 * probability clears `leaf`; else the level-1 family (the sum of its children's probabilities) when
 * that clears `family`; else nothing: the complaint goes to the manual queue ("分类置信度不足").
 * Codes of the form XX00 belong to family XX; any other label is its own family (flat label sets,
 * e.g. a CSV with seven Chinese class names). Pure.
 */
export const CONFIDENCE_TOO_LOW = '分类置信度不足';

/**
 * The thresholds the product ships, chosen on grouped splits of the team corpus
 * (docs/triage-evaluation.md): with the margin calibration, automatic decisions about 96 % right at
 * about 50 % coverage there (a lower family bar falls under 95 %).
 */
export const SHIPPED_THRESHOLDS = { leaf: 0.95, family: 0.9 } as const;

export interface CategoryDecision {
  /** The level-2 code, the level-1 code, or null (abstain). */
  code: string | null;
  level: 1 | 2 | null;
  /** The probability of the decided code (of the best leaf when abstaining). */
  probability: number;
  /** The most likely family and its probability (for reasons and for evaluation). */
  family: string;
  familyProbability: number;
}

export function familyOf(code: string): string {
  return /^[A-Z]{2}\d{2}$/.test(code) ? code.slice(0, 2) : code;
}

export function familyRanking(ranked: readonly { label: string; probability: number }[]) {
  const sums = new Map<string, number>();
  for (const r of ranked) sums.set(familyOf(r.label), (sums.get(familyOf(r.label)) ?? 0) + r.probability);
  return [...sums]
    .map(([family, probability]) => ({ family, probability }))
    .sort((a, b) => b.probability - a.probability);
}

export function decideCategory(
  ranked: readonly { label: string; probability: number }[],
  thresholds: { leaf: number; family: number } = SHIPPED_THRESHOLDS,
): CategoryDecision {
  const top = ranked[0];
  const families = familyRanking(ranked);
  const fam = families[0] ?? { family: '', probability: 0 };
  if (!top) return { code: null, level: null, probability: 0, family: '', familyProbability: 0 };
  const base = { family: fam.family, familyProbability: fam.probability };
  if (top.probability >= thresholds.leaf)
    return { code: top.label, level: 2, probability: top.probability, ...base };
  // A family only when it is a real level-1 group (a flat label is its own leaf).
  if (
    fam.family !== '' &&
    fam.probability >= thresholds.family &&
    fam.family !== top.label &&
    familyOf(top.label) !== top.label
  ) {
    return { code: fam.family, level: 1, probability: fam.probability, ...base };
  }
  return { code: null, level: null, probability: top.probability, ...base };
}
