/**
 * Where a keyword rule really applies. A keyword mention counts only when it is about the present
 * situation, read within its clause (the text between 。！？；，、 and line breaks):
 * - negated: "没有/并未/不是/未/无/不存在 …" just before it ("并没有起火", "不是危房");
 * - hypothetical: "一旦/如果/万一/假如/倘若/要是/若/防止/以防/预防/避免/担心/害怕/怕/生怕/可能/
 *   会不会/隐患/演练" in the clause before it ("一旦发生火灾", "担心引发火灾"), or "隐患/风险/演练/
 *   预案/知识" right after it ("火灾隐患");
 * - past: a year ("2008年"), "去年/前年/以前/以往/曾经/曾/当年/早年/多年前/小时候/上次" in the clause
 *   before it ("2008年垮塌过一次", "以前停过电"), unless the clause also says it is happening again
 *   ("又/再次/至今/现在/目前/还在/仍");
 * and the rule's context holds: the text mentions one of `requires` (when given) and none of
 * `excludes` ("乱收费" is 物业收费 only with 物业/小区 and not at a school, hospital or taxi).
 * Pure.
 */
export type MentionMode = 'actual' | 'negated' | 'hypothetical' | 'past';

export interface RuleText {
  keywords: readonly string[];
  requires?: readonly string[];
  excludes?: readonly string[];
}

const CLAUSE_END = /[。！？!?；;，,、\n\r]/;
const NEGATION = /(没有|没|并未|并没有|未曾|未|不是|并非|无|不存在|不会|杜绝)$/;
const HYPOTHETICAL =
  /(一旦|如果|万一|假如|倘若|要是|若是|若|防止|以防|预防|防范|防治|避免|担心|害怕|生怕|怕|恐|可能|会不会|容易|易|隐患|演练|宣传|如何|怎么办|是否)/;
const HYPOTHETICAL_AFTER = /^的?(隐患|风险|危险|演练|预案|知识|宣传|可能)/;
/** Fixed already: "坑洼的问题去年已经修好了". */
const RESOLVED = /(已经?(修好|修复|解决|处理好|恢复|整改)|修好了|解决了|恢复了|处理好了)/;
const PAST = /((19|20)\d\d年|去年|前年|以前|以往|曾经|曾|当年|早年|多年前|几年前|小时候|上次|上回|那年)/;
const ONGOING = /(又|再次|再度|至今|现在|目前|还在|仍|依然|今天|今早|刚才|正在|开始|一直|持续)/;

/** The clause around position [start, end) of a text: what precedes the keyword and what follows it. */
function clauseAround(text: string, start: number, end: number): { before: string; after: string } {
  let a = start;
  while (a > 0 && !CLAUSE_END.test(text[a - 1]!)) a--;
  let b = end;
  while (b < text.length && !CLAUSE_END.test(text[b]!)) b++;
  return { before: text.slice(a, start), after: text.slice(end, b) };
}

/** How one mention (at [start, end)) is meant. */
export function mentionMode(text: string, start: number, end: number): MentionMode {
  const { before, after } = clauseAround(text, start, end);
  // Negation binds to the few characters right before the keyword ("没有起火", "并未发生垮塌").
  let near = before.slice(-6);
  for (let i = 0; i < 3; i++)
    near = near.replace(/(发生|出现|发现|看到|检测到|查到|有|过|造成|引起|引发|导致|了)$/, '');
  if (NEGATION.test(near) || NEGATION.test(before.slice(-2))) return 'negated';
  if (HYPOTHETICAL.test(before) || HYPOTHETICAL_AFTER.test(after)) return 'hypothetical';
  if (PAST.test(before) && !ONGOING.test(before) && !ONGOING.test(after)) return 'past';
  if (RESOLVED.test(after)) return 'past';
  return 'actual';
}

export interface RuleMatch {
  keyword: string;
  mode: MentionMode;
}

/**
 * How a rule meets a text: its keyword mentioned about the present (mode 'actual'; the longest such
 * keyword), else the best other mention (to report why it did not fire), or null when no keyword
 * occurs or the context excludes it.
 */
export function matchRuleText(text: string, rule: RuleText): RuleMatch | null {
  if (rule.excludes?.some((w) => w && text.includes(w))) return null;
  if (rule.requires?.length && !rule.requires.some((w) => w && text.includes(w))) return null;
  let other: RuleMatch | null = null;
  let best: RuleMatch | null = null;
  for (const keyword of rule.keywords) {
    if (!keyword) continue;
    let from = 0;
    for (;;) {
      const at = text.indexOf(keyword, from);
      if (at < 0) break;
      const mode = mentionMode(text, at, at + keyword.length);
      if (mode === 'actual') {
        if (!best || keyword.length > best.keyword.length) best = { keyword, mode };
        break;
      }
      other ??= { keyword, mode };
      from = at + keyword.length;
    }
  }
  return best ?? other;
}

export const MODE_NAME: Record<MentionMode, string> = {
  actual: '',
  negated: '否定',
  hypothetical: '假设',
  past: '过去',
};
