/**
 * The features a complaint's text is classified on: its content words (jieba's segmentation,
 * `w:` prefix) and the character bigrams of its runs of Chinese characters (`c:` prefix), which catch
 * what segmentation splits differently ("没水喝" / "没有水喝"). Numbers, punctuation and a short list of
 * function words carry no category and are dropped. Pure: the segmenter is passed in.
 */
const HAN = /\p{Script=Han}/u;
const WORDLIKE = /[\p{Script=Han}A-Za-z]/u;

/** Function words and fillers that every complaint shares. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    '的 了 是 在 我 我们 你 你们 他 他们 也 都 就 有 和 与 及 很 还 又 把 被 给 对 到 从 这 那 这个 那个 ' +
    '一个 一直 已经 现在 希望 请 请求 麻烦 谢谢 您好 你好 尽快 相关 部门 有关 处理 解决 反映 问题 ' +
    '能 能够 会 要 说 让 没 不 着 过 吗 呢 啊 吧 啦 呀 哦 嗯 而且 但是 可是 因为 所以 如果 就是 什么 ' +
    '怎么 多次 一下 每天 最近 几 个 些 里 上 下 中'
  ).split(/\s+/),
);

/** Content words of a segmented text, in order (repeats kept). */
export function contentWords(words: readonly string[]): string[] {
  return words.map((w) => w.trim()).filter((w) => w.length > 0 && WORDLIKE.test(w) && !STOPWORDS.has(w));
}

/** Word and character-bigram features of a text (repeats kept: term frequency counts them). */
export function textFeatures(text: string, segment: (text: string) => string[]): string[] {
  const out = contentWords(segment(text)).map((w) => `w:${w}`);
  let run = '';
  const flush = () => {
    for (let i = 0; i + 1 < run.length; i++) out.push(`c:${run.slice(i, i + 2)}`);
    run = '';
  };
  for (const ch of text) {
    if (HAN.test(ch)) run += ch;
    else flush();
  }
  flush();
  return out;
}

/** The readable form of a feature for a reason ("w:蓄水池" → "蓄水池"). */
export function featureText(feature: string): string {
  return feature.slice(2);
}
