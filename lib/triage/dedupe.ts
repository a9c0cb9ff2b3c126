/**
 * Exact and near duplicates in a labelled set, so that evaluation never tests a text whose copy was
 * trained on. Exact: equal after dropping everything but Chinese characters, letters and digits.
 * Near: Jaccard similarity of character 4-gram shingles ≥ `threshold` (candidates from MinHash with
 * banding, each candidate checked exactly). Pure.
 */
const KEEP = /[\p{Script=Han}a-z0-9]/u;

export function canonicalText(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFKC').toLowerCase()) if (KEEP.test(ch)) out += ch;
  return out;
}

function shingles(text: string, n = 4): Set<string> {
  const chars = [...text];
  const out = new Set<string>();
  if (chars.length <= n) {
    out.add(text);
    return out;
  }
  for (let i = 0; i + n <= chars.length; i++) out.add(chars.slice(i, i + n).join(''));
  return out;
}

/** 32-bit FNV-1a of a string with a seed. */
function hash(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let inter = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const x of small) if (large.has(x)) inter++;
  return inter / (a.size + b.size - inter || 1);
}

/**
 * The cluster id of every text: texts that are exact or near copies of each other (transitively)
 * share one (the smallest index among them).
 */
export function duplicateClusters(texts: readonly string[], threshold = 0.6): number[] {
  const parent = texts.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  const canon = texts.map(canonicalText);
  const exact = new Map<string, number>();
  canon.forEach((c, i) => {
    const j = exact.get(c);
    if (j === undefined) exact.set(c, i);
    else union(i, j);
  });
  const sets = canon.map((c) => shingles(c));
  const bands = 16;
  const rows = 2;
  const buckets = new Map<string, number[]>();
  sets.forEach((set, i) => {
    if (find(i) !== i) return;
    const sig: number[] = [];
    for (let h = 0; h < bands * rows; h++) {
      let min = 0xffffffff;
      for (const s of set) {
        const v = hash(s, h * 0x9e3779b1);
        if (v < min) min = v;
      }
      sig.push(min);
    }
    for (let b = 0; b < bands; b++) {
      const key = `${b}:${sig.slice(b * rows, b * rows + rows).join(',')}`;
      const list = buckets.get(key) ?? [];
      list.push(i);
      buckets.set(key, list);
    }
  });
  const checked = new Set<string>();
  for (const list of buckets.values()) {
    if (list.length < 2 || list.length > 200) continue;
    for (let a = 0; a < list.length; a++) {
      for (let b = a + 1; b < list.length; b++) {
        const i = list[a]!;
        const j = list[b]!;
        const key = `${i},${j}`;
        if (checked.has(key)) continue;
        checked.add(key);
        if (jaccard(sets[i]!, sets[j]!) >= threshold) union(i, j);
      }
    }
  }
  return texts.map((_, i) => find(i));
}
