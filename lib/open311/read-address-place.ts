/**
 * Which division an address written by a resident names (pure): `东区炳草岗湖光金沙苑小区` → 湖光社区
 * (东区 › 炳草岗街道 › 湖光社区), `仁和区大龙潭彝族乡干坝子社区4组` → 干坝子社区. Names are matched in full
 * or by their stem (the name without 社区/村/街道/镇/乡/区/县, at least 2 characters), the way people
 * write them (`炳草岗` for 炳草岗街道). A village or community named by its stem alone counts only when
 * its town or county is named too (`金沙` alone is a word in many compound names); the chain with the
 * most of its own levels named wins, then the finer level. Text is normalised first (`normaliseText`).
 */
import type { DivisionLevel } from '@/lib/geo/division-code';

export interface NamedDivision {
  code: string;
  parentCode: string | null;
  name: string;
  level: DivisionLevel;
}

const SUFFIX = /(苗族彝族乡|傈僳族乡|彝族乡|回族乡|街道|社区|村|镇|乡|区|县)$/;
const DEPTH: Record<DivisionLevel, number> = { city: 0, county: 1, town: 2, village: 3 };

/**
 * Whether `name` (or its stem) occurs in `text` as that division: a stem does not count where it
 * starts another division's name (仁和区 is the county, not 仁和镇) or lies inside another division's
 * name written in full (玉泉街道 names the street, not 玉泉社区).
 */
function named(
  text: string,
  d: NamedDivision,
  fullSpans: readonly { code: string; start: number; end: number }[],
): 'full' | 'stem' | null {
  for (let at = text.indexOf(d.name); at >= 0; at = text.indexOf(d.name, at + 1)) {
    // 格里坪 (a village) written only as part of 格里坪镇 (its town) names the town.
    const end = at + d.name.length;
    if (
      !fullSpans.some(
        (s) => s.code !== d.code && s.start <= at && end <= s.end && s.end - s.start > d.name.length,
      )
    ) {
      return 'full';
    }
  }
  const stem = d.name.replace(SUFFIX, '');
  if (stem === d.name || stem.length < 2 || text.includes(d.name)) return null;
  for (let at = text.indexOf(stem); at >= 0; at = text.indexOf(stem, at + 1)) {
    const next = text[at + stem.length] ?? '';
    if (d.level !== 'county' && (next === '区' || next === '县')) continue;
    const end = at + stem.length;
    if (fullSpans.some((s) => s.code !== d.code && s.start <= at && end <= s.end)) continue;
    return 'stem';
  }
  return null;
}

/**
 * The finest division the text names consistently, or null. A county alone is returned too (the
 * caller decides whether it is precise enough).
 */
export function readAddressDivision(text: string, divisions: readonly NamedDivision[]): NamedDivision | null {
  const byCode = new Map(divisions.map((d) => [d.code, d]));
  const fullSpans: { code: string; start: number; end: number }[] = [];
  for (const d of divisions) {
    for (let at = text.indexOf(d.name); at >= 0; at = text.indexOf(d.name, at + 1)) {
      fullSpans.push({ code: d.code, start: at, end: at + d.name.length });
    }
  }
  const match = new Map<string, 'full' | 'stem'>();
  for (const d of divisions) {
    if (d.level === 'city') continue;
    const m = named(text, d, fullSpans);
    if (m) match.set(d.code, m);
  }
  let best: { d: NamedDivision; chain: number; full: number } | null = null;
  for (const [code, how] of match) {
    const d = byCode.get(code)!;
    let chain = 1;
    for (let p = d.parentCode ? byCode.get(d.parentCode) : undefined; p; ) {
      if (match.has(p.code)) chain++;
      p = p.parentCode ? byCode.get(p.parentCode) : undefined;
    }
    if (d.level === 'village' && how === 'stem' && chain === 1) continue;
    const full = how === 'full' ? 1 : 0;
    if (
      !best ||
      chain > best.chain ||
      (chain === best.chain && DEPTH[d.level] > DEPTH[best.d.level]) ||
      (chain === best.chain && d.level === best.d.level && full > best.full)
    ) {
      best = { d, chain, full };
    }
  }
  return best?.d ?? null;
}
