/**
 * Pure checks of the role walk (components/shell/role-walk.browser.test.ts): what counts as a request
 * storm, an untranslated message key, Chinese UI text in English mode and English UI text in Chinese
 * mode. Kept free of the browser so each rule is unit-tested (walk-checks.test.ts).
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';

/** The message namespaces, one file each in lib/i18n/messages/zh-CN (lib/i18n/request.ts). */
const NAMESPACES = readdirSync(path.join(import.meta.dirname, '../i18n/messages/zh-CN'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -'.json'.length));

/** One request the page sent: when (ms), method and URL. */
export interface SeenRequest {
  at: number;
  method: string;
  url: string;
}

/**
 * "The same request": method, path and the names of its query parameters, not their values (the
 * /hotspots storm sent 528 requests that differed only in `from=`). `_rsc` (Next's cache buster) is
 * ignored, so 22 prefetches of one drill-down page with different `indicator=` are one request.
 */
export function requestKey(method: string, url: string): string {
  const u = new URL(url);
  const names = [...new Set([...u.searchParams.keys()].filter((k) => k !== '_rsc'))].sort();
  return `${method} ${u.pathname}${names.length ? `?${names.join('&')}` : ''}`;
}

/** Requests that repeat more than `max` times within any `windowMs` (default: 5 in 5 s). */
export function requestStorms(
  requests: readonly SeenRequest[],
  { max = 5, windowMs = 5_000 }: { max?: number; windowMs?: number } = {},
): { key: string; count: number }[] {
  const byKey = new Map<string, number[]>();
  for (const r of requests) {
    // Static files are fetched once each by content hash; fonts and images are not API calls.
    if (/\/_next\/static\/|\.(png|jpg|svg|ico|woff2?|webmanifest)$/.test(new URL(r.url).pathname)) continue;
    const key = requestKey(r.method, r.url);
    const list = byKey.get(key) ?? [];
    list.push(r.at);
    byKey.set(key, list);
  }
  const storms: { key: string; count: number }[] = [];
  for (const [key, times] of byKey) {
    times.sort((a, b) => a - b);
    let worst = 0;
    for (let i = 0, j = 0; j < times.length; j++) {
      while ((times[j] ?? 0) - (times[i] ?? 0) >= windowMs) i++;
      worst = Math.max(worst, j - i + 1);
    }
    if (worst > max) storms.push({ key, count: worst });
  }
  return storms;
}

/**
 * next-intl prints a missing message as its path (`namespace.key.sub`). A text that is exactly such a
 * path, starting with one of our namespaces, is an untranslated key. (Usernames like
 * `handler.xiqu.health` do not start with a namespace.)
 */
const KEY_PATTERN = new RegExp(
  `(?:^|\\s)((?:${NAMESPACES.join('|')})\\.[A-Za-z0-9_]+(?:\\.[A-Za-z0-9_]+)*)(?=$|\\s)`,
);

export function messageKeyIn(text: string): string | null {
  return KEY_PATTERN.exec(text)?.[1] ?? null;
}

/** Han characters and the CJK punctuation that gives Chinese text away (，。：；、（）《》“”). */
const CJK_RUN = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff1f]+/g;

/** CJK runs in a text (English mode: each one outside user data is untranslated UI). */
export function cjkRuns(text: string): string[] {
  return text.match(CJK_RUN) ?? [];
}

/**
 * English words that may stand in Chinese UI: product and standard names, units and abbreviations a
 * Chinese user reads as such. Anything else of two or more English words in a row is untranslated UI.
 */
export const ENGLISH_ALLOWED_IN_CHINESE = [
  'Suqiu',
  'Open311',
  'GeoReport',
  'GeoJSON',
  'OpenAPI',
  'DBSCAN',
  'Getis',
  'Ord',
  'Gi',
  'Excel',
  'PDF',
  'CSV',
  'XLSX',
  'API',
  'HTTP',
  'URL',
  'GIS',
  'English',
  'MapLibre',
  'OpenStreetMap',
  'contributors',
  'OSM',
  'Mann',
  'Kendall',
  'Benjamini',
  'Hochberg',
];

const ENGLISH_PHRASE = /\b[A-Za-z][a-z]{2,}(?:[ '-]+[A-Za-z][a-z]{1,}){1,}\b/g;

/** Phrases of two or more English words (Chinese mode: untranslated UI), minus allowed names. */
export function englishPhrases(text: string): string[] {
  const allowed = new Set(ENGLISH_ALLOWED_IN_CHINESE.map((w) => w.toLowerCase()));
  return (text.match(ENGLISH_PHRASE) ?? []).filter((phrase) => {
    const words = phrase.split(/[ '-]+/);
    return words.filter((w) => !allowed.has(w.toLowerCase())).length >= 2;
  });
}
