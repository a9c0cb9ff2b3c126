/**
 * Addresses and dwelling units written in complaint text (pure): `攀枝花东路 199 号 1 栋`,
 * `竹湖东路124号1栋3单元501`, `核桃坪村1组10号`, `三单元502室`. Text is normalised first
 * (`normaliseText`: full-width to ASCII, whitespace removed).
 */

const CN_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 1–99 written in Chinese numerals (一, 十二, 二十三) or digits; null otherwise. */
export function smallNumber(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s);
  if (s === '十') return 10;
  const m = /^([一二两三四五六七八九])?十([一二三四五六七八九])?$/.exec(s);
  if (m) return (m[1] ? CN_DIGITS[m[1]]! : 1) * 10 + (m[2] ? CN_DIGITS[m[2]]! : 0);
  if (s.length === 1 && s in CN_DIGITS) return CN_DIGITS[s]!;
  return null;
}

const NUM = '(\\d{1,4}|[一二两三四五六七八九十]{1,3})';

/** A street address (road + number [+ building]) or a rural one (group + number) found in text. */
export interface AddressKey {
  /** The address tail to look for in building addresses with spaces removed, e.g. `124号1栋`, `1组10号`. */
  tail: string;
  /** As written, for the reason shown to staff. */
  written: string;
}

/**
 * Address tails in a normalised text. The road or village part is not cut out here (which
 * characters before 路 belong to the road cannot be told from the text alone): the building query
 * keeps a building only when its own road or village name appears in the text.
 */
export function readAddressKeys(text: string): AddressKey[] {
  const out: AddressKey[] = [];
  const street = new RegExp(`(?:路|街|道|巷)${NUM}号(?:院)?(?:${NUM}(?:栋|幢|号楼))?`, 'g');
  for (const m of text.matchAll(street)) {
    const no = smallNumber(m[1]!);
    if (no === null) continue;
    const b = m[2] ? smallNumber(m[2]) : null;
    out.push({ tail: b !== null ? `${no}号${b}栋` : `${no}号`, written: m[0].slice(1) });
  }
  const rural = new RegExp(`${NUM}组${NUM}号`, 'g');
  for (const m of text.matchAll(rural)) {
    const g = smallNumber(m[1]!);
    const n = smallNumber(m[2]!);
    if (g !== null && n !== null) out.push({ tail: `${g}组${n}号`, written: m[0] });
  }
  return out.slice(0, 3);
}

/**
 * The dwelling unit named in a text, in the households table's form `2单元301`: `2单元301`,
 * `二单元301室`, `2单元3楼1号`→ no (floor and door are not a room number we can trust); null if none.
 */
export function readUnit(text: string): string | null {
  const m = new RegExp(`${NUM}单元(\\d{3,4})(?:室|号)?`).exec(text);
  if (!m) return null;
  const u = smallNumber(m[1]!);
  return u === null ? null : `${u}单元${m[2]}`;
}
