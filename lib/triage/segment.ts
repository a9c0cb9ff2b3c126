/**
 * Chinese word segmentation for triage: jieba (`@node-rs/jieba`, a native addon whose prebuilt binary
 * and dictionary come from npm; nothing is downloaded at run time). Server side only (listed in
 * `serverExternalPackages`); client code never imports this file. One dictionary load per process.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';

let jieba: Jieba | null = null;

/** Words of a text as jieba cuts them (HMM on, so unseen place and person names stay whole). */
export function segmentWords(text: string): string[] {
  jieba ??= Jieba.withDict(dict);
  return jieba.cut(text, true);
}
