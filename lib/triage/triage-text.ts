/**
 * 诉求分级研判 of one complaint's text: urgency grade and (when the reporter chose none) a category
 * suggestion, each with the reason in words a person can check. Pure.
 */
import { TRIAGE_RULES, type TriageRule, URGENCY_NAME, URGENCY_RANK, type UrgencyCode } from './rules';

export interface TriageInput {
  title: string;
  description: string;
  /** The category the reporter (or grid worker) chose, if any. */
  categoryCode: string | null;
  kind: 'complaint' | 'misconduct';
}

export interface TriageResult {
  /** null: no category could be told; the case goes to the manual dispatch queue. */
  categoryCode: string | null;
  categorySource: 'reporter' | 'rule' | 'classifier' | 'none';
  urgencyCode: UrgencyCode;
  /** e.g. "“没有水喝”命中“饮水安全”规则 → 紧急；分类：群众选择". */
  reason: string;
  matchedRuleIds: string[];
}

/** A learned category suggestion for a text (lib/triage/get-triage-suggester.server.ts). */
export type CategorySuggester = (
  text: string,
  kind: TriageInput['kind'],
) => { categoryCode: string; probability: number; evidence?: readonly string[] } | null;

interface Hit {
  rule: TriageRule;
  keyword: string;
}

function hits(text: string, rules: readonly TriageRule[]): Hit[] {
  const out: Hit[] = [];
  for (const rule of rules) {
    const keyword = rule.keywords.filter((k) => text.includes(k)).sort((a, b) => b.length - a.length)[0];
    if (keyword) out.push({ rule, keyword });
  }
  return out;
}

export function triageText(
  input: TriageInput,
  options: {
    rules?: readonly TriageRule[];
    /** A learned suggestion (category, probability, the words behind it), used when neither reporter nor rule decides. */
    suggest?: CategorySuggester | null;
    /** Below this probability a learned suggestion is not trusted. */
    minProbability?: number;
  } = {},
): TriageResult {
  const text = `${input.title}\n${input.description}`;
  const found = hits(text, options.rules ?? TRIAGE_RULES);

  const urgent = found
    .filter((h) => h.rule.urgencyCode)
    .sort((a, b) => URGENCY_RANK[a.rule.urgencyCode!] - URGENCY_RANK[b.rule.urgencyCode!]);
  const top = urgent[0];
  const urgencyCode: UrgencyCode = top?.rule.urgencyCode ?? 'normal';
  const urgencyReason = top
    ? `“${top.keyword}”命中“${top.rule.name}”规则 → ${URGENCY_NAME[urgencyCode]}`
    : '未命中紧急规则 → 一般';

  let categoryCode: string | null = input.categoryCode;
  let categorySource: TriageResult['categorySource'] = 'reporter';
  let categoryReason = '分类：群众选择';
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
    } else if (learned && learned.probability >= (options.minProbability ?? 0.5)) {
      categoryCode = learned.categoryCode;
      categorySource = 'classifier';
      const words = learned.evidence?.length
        ? `，依据：${learned.evidence.map((w) => `“${w}”`).join('')}`
        : '';
      categoryReason = `分类：文本分类器建议（置信度 ${Math.round(learned.probability * 100)}%${words}）`;
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
  };
}
