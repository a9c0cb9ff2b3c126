/**
 * The features a complaint's text is classified on, in three blocks that the classifier weighs apart
 * (text-classifier.ts):
 * - `c:` character 1–3-grams of the whole text (runs of Chinese characters, letters and digits; digits
 *   folded to 0), which catch what segmentation splits differently ("没水喝" / "没有水喝") and typos;
 * - `w:` content words (jieba's segmentation) and `b:` pairs of adjacent content words;
 * - `t:` the title's words and character bigrams: a board letter's first line says what it is about,
 *   so it is counted again, apart from the body.
 * Punctuation and a short list of function words carry no category and are dropped from words.
 * Pure: the segmenter is passed in.
 */
const TOKEN_CHAR = /[\p{Script=Han}a-z0-9]/u;
const WORDLIKE = /[\p{Script=Han}a-z]/u;

/** Function words and fillers that every complaint shares. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    '的 了 是 在 我 我们 你 你们 他 他们 也 都 就 有 和 与 及 很 还 又 把 被 给 对 到 从 这 那 这个 那个 ' +
    '一个 一直 已经 现在 希望 请 请求 麻烦 谢谢 您好 你好 尽快 相关 部门 有关 处理 解决 反映 问题 ' +
    '能 能够 会 要 说 让 没 不 着 过 吗 呢 啊 吧 啦 呀 哦 嗯 而且 但是 可是 因为 所以 如果 就是 什么 ' +
    '怎么 多次 一下 每天 最近 几 个 些 里 上 下 中 尊敬 领导 您 地 得 之 等 其 为 以 于 而 或'
  ).split(/\s+/),
);

/** NFKC (full-width letters and digits to ASCII), lower case. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/**
 * A text's title and body: the first line is a title when more lines follow and it is short
 * (≤ 40 characters), as in a board letter; otherwise there is no title.
 */
export function splitTitle(text: string): { title: string; body: string } {
  const t = text.trim();
  const nl = t.indexOf('\n');
  if (nl > 0 && nl <= 40 && t.slice(nl + 1).trim().length > 0) {
    return { title: t.slice(0, nl).trim(), body: t.slice(nl + 1).trim() };
  }
  return { title: '', body: t };
}

/** Content words of a segmented text, in order (repeats kept); digits folded to 0. */
export function contentWords(words: readonly string[]): string[] {
  return words
    .map((w) => w.trim())
    .filter((w) => w.length > 0 && WORDLIKE.test(w) && !STOPWORDS.has(w))
    .map((w) => w.replace(/[0-9]+/g, '0'));
}

/** Runs of token characters (Chinese, letters, digits folded to 0). */
function runs(text: string): string[] {
  const out: string[] = [];
  let run = '';
  for (const ch of text) {
    if (TOKEN_CHAR.test(ch)) run += ch >= '0' && ch <= '9' ? '0' : ch;
    else if (run) {
      out.push(run);
      run = '';
    }
  }
  if (run) out.push(run);
  return out;
}

function charGrams(text: string, min: number, max: number, prefix: string, out: string[]): void {
  for (const run of runs(text)) {
    const chars = [...run];
    for (let n = min; n <= max; n++) {
      for (let i = 0; i + n <= chars.length; i++) {
        const g = chars.slice(i, i + n).join('');
        // A lone digit or letter says nothing.
        if (n === 1 && !/\p{Script=Han}/u.test(g)) continue;
        out.push(prefix + g);
      }
    }
  }
}

/** The features of a text (repeats kept: term frequency counts them). */
export function textFeatures(text: string, segment: (text: string) => string[]): string[] {
  const normal = normalizeText(text);
  const { title, body } = splitTitle(normal);
  const out: string[] = [];
  charGrams(normal, 1, 3, 'c:', out);
  const words = contentWords(segment(body));
  const titleWords = title ? contentWords(segment(title)) : [];
  for (const list of [titleWords, words]) {
    for (let i = 0; i < list.length; i++) {
      out.push(`w:${list[i]}`);
      if (i + 1 < list.length) out.push(`b:${list[i]}_${list[i + 1]}`);
    }
  }
  if (title) {
    for (const w of titleWords) out.push(`t:${w}`);
    charGrams(title, 2, 2, 't:', out);
  }
  return out;
}

/** The block of a feature: 'c' characters, 'w' words and word pairs, 't' title. */
export function featureBlock(feature: string): 'c' | 'w' | 't' {
  const p = feature[0];
  return p === 'c' ? 'c' : p === 't' ? 't' : 'w';
}

/** The readable form of a feature for a reason ("w:蓄水池" → "蓄水池", "b:漏水_天花板" → "漏水 天花板"). */
export function featureText(feature: string): string {
  return feature.slice(2).replace('_', ' ');
}

/** Characters that count towards a segment's length (as in the character n-grams). */
function tokenLength(text: string): number {
  let n = 0;
  for (const ch of text) if (TOKEN_CHAR.test(ch)) n++;
  return n;
}

/**
 * The parts of a long message: the body's sentences (split at 。！？；, line breaks), joined in order
 * until a part holds at least `min` characters (a short tail joins the last part). A message of
 * fewer than two parts has none ([]): it is about one thing as far as this can tell. The classifier
 * scores each part alone to see whether they agree on a family (several problems in one letter, or
 * one topic mentioned while writing about another). Pure.
 */
export function messageParts(text: string, min = 24): string[] {
  const { body } = splitTitle(normalizeText(text));
  const sentences = body
    .split(/[。！？!?；;\n]+/)
    .map((s) => s.trim())
    .filter((s) => tokenLength(s) > 0);
  const parts: string[] = [];
  let current = '';
  for (const s of sentences) {
    current = current ? `${current}，${s}` : s;
    if (tokenLength(current) >= min) {
      parts.push(current);
      current = '';
    }
  }
  if (current) {
    if (parts.length > 0) parts[parts.length - 1] += `，${current}`;
    else parts.push(current);
  }
  return parts.length >= 2 ? parts : [];
}

/** What the classifier reads of a text: its features and its parts' features (messageParts). */
export function classifierInput(
  text: string,
  segment: (text: string) => string[],
): { features: string[]; parts: string[][] } {
  return {
    features: textFeatures(text, segment),
    parts: messageParts(text).map((p) => textFeatures(p, segment)),
  };
}
