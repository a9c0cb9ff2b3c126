/**
 * 诉求分级研判 of one complaint's text: urgency grade and (when the reporter chose none) a category
 * suggestion, each with the reason in words a person can check. Pure.
 */
import { CONFIDENCE_TOO_LOW, decideCategory, SHIPPED_THRESHOLDS } from './decide-category';
import { type MentionMode, MODE_NAME, matchRuleText } from './rule-match';
import { TRIAGE_RULES, type TriageRule, URGENCY_NAME, URGENCY_RANK, type UrgencyCode } from './rules';

export interface TriageInput {
  title: string;
  description: string;
  /** The category the reporter (or grid worker) chose, if any. */
  categoryCode: string | null;
  kind: 'complaint' | 'misconduct';
}

export interface TriageResult {
  /**
   * A level-2 code, a level-1 code (the classifier was sure of the family only), or null: no
   * category could be told; the case goes to the manual dispatch queue.
   */
  categoryCode: string | null;
  categorySource: 'reporter' | 'rule' | 'classifier' | 'none';
  urgencyCode: UrgencyCode;
  /** e.g. "“没有水喝”命中“饮水安全”规则 → 紧急；分类：群众选择". */
  reason: string;
  matchedRuleIds: string[];
  /** Why the case goes to the manual queue when categoryCode is null ("分类置信度不足"). */
  manualReason?: string;
}

/** A learned category suggestion for a text (lib/triage/get-triage-suggester.server.ts). */
export type CategorySuggester = (
  text: string,
  kind: TriageInput['kind'],
) => {
  categoryCode: string;
  probability: number;
  evidence?: readonly string[];
  /** Every category with its calibrated probability, best first (for the level-1 fallback). */
  ranked?: readonly { label: string; probability: number }[];
} | null;

interface Hit {
  rule: TriageRule;
  keyword: string;
}

/**
 * The keyword by which a rule applies to a text (the longest mentioned about the present, in the
 * rule's context), or null (rule-match.ts).
 */
export function matchRule(text: string, rule: TriageRule): string | null {
  const m = matchRuleText(text, rule);
  return m?.mode === 'actual' ? m.keyword : null;
}

function hits(
  text: string,
  rules: readonly TriageRule[],
): { fired: Hit[]; discounted: (Hit & { mode: MentionMode })[] } {
  const fired: Hit[] = [];
  const discounted: (Hit & { mode: MentionMode })[] = [];
  for (const rule of rules) {
    const m = matchRuleText(text, rule);
    if (m?.mode === 'actual') fired.push({ rule, keyword: m.keyword });
    else if (m) discounted.push({ rule, keyword: m.keyword, mode: m.mode });
  }
  return { fired, discounted };
}

export function triageText(
  input: TriageInput,
  options: {
    rules?: readonly TriageRule[];
    /** A learned suggestion (category, probability, the words behind it), used when neither reporter nor rule decides. */
    suggest?: CategorySuggester | null;
    /** A level-2 suggestion needs `leaf`, a level-1 one `family` (decide-category.ts). */
    thresholds?: { leaf: number; family: number };
  } = {},
): TriageResult {
  const text = `${input.title}\n${input.description}`;
  const { fired: found, discounted } = hits(text, options.rules ?? TRIAGE_RULES);

  const urgent = found
    .filter((h) => h.rule.urgencyCode)
    .sort((a, b) => URGENCY_RANK[a.rule.urgencyCode!] - URGENCY_RANK[b.rule.urgencyCode!]);
  const top = urgent[0];
  const urgencyCode: UrgencyCode = top?.rule.urgencyCode ?? 'normal';
  const ignored = discounted.find(
    (h) => h.rule.urgencyCode && URGENCY_RANK[h.rule.urgencyCode] < URGENCY_RANK[urgencyCode],
  );
  const urgencyReason = top
    ? `“${top.keyword}”命中“${top.rule.name}”规则 → ${URGENCY_NAME[urgencyCode]}`
    : ignored
      ? `“${ignored.keyword}”为${MODE_NAME[ignored.mode]}提及，不计“${ignored.rule.name}”规则 → 一般`
      : '未命中紧急规则 → 一般';

  let categoryCode: string | null = input.categoryCode;
  let categorySource: TriageResult['categorySource'] = 'reporter';
  let categoryReason = '分类：群众选择';
  let manualReason: string | undefined;
  if (!categoryCode) {
    const byRule = found
      .filter((h) => h.rule.categoryCode)
      .filter((h) => (input.kind === 'misconduct') === h.rule.categoryCode!.startsWith('JJ'))
      .sort((a, b) => b.keyword.length - a.keyword.length)[0];
    const learned = byRule ? null : (options.suggest?.(text, input.kind) ?? null);
    if (byRule) {
      categoryCode = byRule.rule.categoryCode!;
      categorySource = 'rule';
      categoryReason = `分类：“${byRule.keyword}”命中“${byRule.rule.name}”规则`;
    } else if (learned) {
      const ranked = learned.ranked ?? [{ label: learned.categoryCode, probability: learned.probability }];
      const d = decideCategory(ranked, options.thresholds ?? SHIPPED_THRESHOLDS);
      const pct = (p: number) => `${Math.round(p * 100)}%`;
      const words = learned.evidence?.length
        ? `，依据：${learned.evidence.map((w) => `“${w}”`).join('')}`
        : '';
      if (d.level === 2) {
        categoryCode = d.code;
        categorySource = 'classifier';
        categoryReason = `分类：文本分类器建议（置信度 ${pct(d.probability)}${words}）`;
      } else if (d.level === 1) {
        categoryCode = d.code;
        categorySource = 'classifier';
        categoryReason = `分类：文本分类器只能确定大类（大类置信度 ${pct(d.probability)}，小类最高 ${pct(learned.probability)}${words}）`;
      } else if (input.kind === 'misconduct') {
        categoryCode = 'JJ01';
        categorySource = 'rule';
        categoryReason = '分类：违纪违法线索默认“作风问题”';
      } else {
        categorySource = 'none';
        manualReason = CONFIDENCE_TOO_LOW;
        categoryReason = `分类：${CONFIDENCE_TOO_LOW}（最可能 ${learned.categoryCode} ${pct(learned.probability)}），转人工派单`;
      }
    } else if (input.kind === 'misconduct') {
      categoryCode = 'JJ01';
      categorySource = 'rule';
      categoryReason = '分类：违纪违法线索默认“作风问题”';
    } else {
      categorySource = 'none';
      categoryReason = '分类：未能识别，转人工派单';
    }
  }
  return {
    categoryCode,
    categorySource,
    urgencyCode,
    reason: `${urgencyReason}；${categoryReason}`,
    matchedRuleIds: found.map((h) => h.rule.id),
    ...(manualReason ? { manualReason } : {}),
  };
}
