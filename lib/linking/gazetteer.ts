/**
 * The facility gazetteer: every facility's full name and the short forms residents use for it
 * (`清香坪农贸市场` → `清香坪菜市场`, `清香坪市场`), derived by rules per facility kind, and the kind
 * words that name a kind without a name (`卫生院`, `幼儿园`, `菜市场` …). Pure: built from the
 * facility rows held in the reference-data cache (`getReferenceData`), scanned over complaint text
 * by `findFacilityMentions` (leftmost-longest over a character trie, then checked against the
 * tokenizer's word boundaries).
 */

export const FACILITY_KINDS = [
  'community_health_centre',
  'hospital',
  'school',
  'kindergarten',
  'market',
  'residential_compound',
  'water_works',
  'elderly_care',
  'bus_station',
] as const;
export type FacilityKind = (typeof FACILITY_KINDS)[number];

export interface GazetteerFacility {
  id: number;
  kind: FacilityKind;
  name: string;
  lng: number;
  lat: number;
  /** The building it occupies (point facilities) or its central building (compounds). */
  buildingId: number | null;
}

export interface GazetteerTerm {
  term: string;
  /** Facilities this term names (more than one: ambiguous). */
  facilityIds: number[];
  /** True when the term is a facility's full name (else a short form). */
  full: boolean;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  term?: GazetteerTerm;
}

export interface Gazetteer {
  facilities: ReadonlyMap<number, GazetteerFacility>;
  terms: ReadonlyMap<string, GazetteerTerm>;
  root: TrieNode;
}

/** Administrative suffixes dropped to get the place part of a name (longest first). */
const ADMIN_SUFFIX = /(苗族彝族乡|傈僳族乡|彝族乡|回族乡|街道|镇|乡)$/;
const COUNTY_SUFFIX = /(区|县)$/;

/** The place part of a facility name before its kind part, e.g. 清香坪 of 清香坪农贸市场. */
function stem(name: string, kindPart: RegExp): string | null {
  const m = kindPart.exec(name);
  if (!m || m.index === 0) return null;
  return name.slice(0, m.index);
}

/** Place names a resident would say for a town or county part: 清香坪街道 → 清香坪; 仁和区 → 仁和. */
function placeForms(place: string): string[] {
  const out = new Set([place]);
  const town = place.replace(ADMIN_SUFFIX, '');
  if (town.length >= 2) out.add(town);
  const county = place.replace(COUNTY_SUFFIX, '');
  if (county.length >= 2 && county !== place) out.add(county);
  return [...out];
}

/**
 * The short forms of a facility's name, by kind. Only forms of ≥ 4 characters whose place part has
 * ≥ 2 characters: shorter ones (`一中`, `市场`) name no place and are left to the kind words.
 */
export function shortFormsOf(f: Pick<GazetteerFacility, 'kind' | 'name'>): string[] {
  const forms: string[] = [];
  const add = (places: string[], tails: string[]) => {
    for (const p of places) for (const t of tails) forms.push(`${p}${t}`);
  };
  switch (f.kind) {
    case 'market': {
      const s = stem(f.name, /(农贸市场|菜市场|市场)$/);
      if (s) add(placeForms(s), ['农贸市场', '菜市场', '市场']);
      break;
    }
    case 'community_health_centre': {
      const s = stem(f.name, /(社区卫生服务中心|卫生服务中心)$/);
      if (s) add(placeForms(s), ['社区卫生服务中心', '卫生服务中心', '社区医院', '卫生中心']);
      break;
    }
    case 'hospital': {
      const s = stem(f.name, /(卫生院|人民医院|医院)$/);
      if (s && /卫生院$/.test(f.name)) add(placeForms(s), ['卫生院', '医院']);
      else if (s) add(placeForms(s), ['人民医院', '医院']);
      break;
    }
    case 'school': {
      const s = stem(f.name, /(中心小学|小学校|小学|第一初级中学|初级中学|中学)$/);
      if (s && /第一初级中学$/.test(f.name)) add(placeForms(s), ['第一初级中学', '第一中学', '一中']);
      else if (s && /小学校?$|中心小学$/.test(f.name))
        add(placeForms(s), ['中心小学', '小学', '小学校', '中心校']);
      break;
    }
    case 'kindergarten': {
      const s = stem(f.name, /(中心幼儿园|幼儿园)$/);
      if (s) add(placeForms(s), ['幼儿园', '中心幼儿园']);
      break;
    }
    case 'elderly_care': {
      const s = stem(f.name, /(养老服务中心|敬老院|养老院)$/);
      if (s) add(placeForms(s), ['敬老院', '养老院', '养老服务中心']);
      break;
    }
    case 'water_works': {
      const s = stem(f.name, /(自来水厂|水厂)$/);
      if (s) add(placeForms(s), ['自来水厂', '水厂']);
      break;
    }
    case 'bus_station': {
      const s = stem(f.name, /(汽车客运站|客运站|汽车站)$/);
      if (s) add(placeForms(s), ['汽车客运站', '客运站', '汽车站', '车站']);
      break;
    }
    case 'residential_compound': {
      const s = f.name.replace(/小区$/, '');
      if (s !== f.name && s.length >= 3) forms.push(s);
      break;
    }
  }
  const place = (t: string) => t.length >= 4 || (f.kind === 'residential_compound' && t.length >= 3);
  return [...new Set(forms)].filter((t) => t !== f.name && place(t));
}

/**
 * Build the gazetteer. A facility's full name is its own even when it is also another facility's
 * short form (a full name never shares with a short form); two facilities with the same full name,
 * or the same short form, share the term (ambiguous).
 */
export function buildGazetteer(rows: readonly GazetteerFacility[]): Gazetteer {
  const facilities = new Map(rows.map((f) => [f.id, f]));
  const terms = new Map<string, GazetteerTerm>();
  for (const f of rows) {
    const t = normaliseText(f.name);
    const have = terms.get(t);
    if (have?.full) have.facilityIds.push(f.id);
    else terms.set(t, { term: t, facilityIds: [f.id], full: true });
  }
  for (const f of rows) {
    for (const s of shortFormsOf(f)) {
      const have = terms.get(s);
      if (have?.full) continue;
      if (have) {
        if (!have.facilityIds.includes(f.id)) have.facilityIds.push(f.id);
      } else terms.set(s, { term: s, facilityIds: [f.id], full: false });
    }
  }
  const root: TrieNode = { next: new Map() };
  for (const term of terms.values()) {
    let node = root;
    for (const ch of term.term) {
      let n = node.next.get(ch);
      if (!n) {
        n = { next: new Map() };
        node.next.set(ch, n);
      }
      node = n;
    }
    node.term = term;
  }
  return { facilities, terms, root };
}

/** Full-width digits and letters to ASCII, whitespace removed: how text and names are compared. */
export function normaliseText(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '');
}

export interface FacilityMention {
  term: GazetteerTerm;
  /** Character offsets in the normalised text. */
  start: number;
  end: number;
}

/**
 * Facility names and short forms in a normalised text: leftmost-longest matches over the trie,
 * kept only where the tokenizer (`segment`, jieba) also puts a word boundary at both ends, so that a
 * name inside a longer word (`新清香坪市场` …) does not count. A full name of ≥ 5 characters needs a
 * boundary at one end only (jieba sometimes glues a name's last character to the next word).
 */
export function findFacilityMentions(
  text: string,
  gazetteer: Gazetteer,
  segment: (text: string) => string[],
): FacilityMention[] {
  const chars = Array.from(text);
  const raw: FacilityMention[] = [];
  for (let i = 0; i < chars.length; ) {
    let node: TrieNode | undefined = gazetteer.root;
    let best: FacilityMention | null = null;
    for (let j = i; j < chars.length; j++) {
      node = node.next.get(chars[j]!);
      if (!node) break;
      if (node.term) best = { term: node.term, start: i, end: j + 1 };
    }
    if (best) {
      raw.push(best);
      i = best.end;
    } else i++;
  }
  if (raw.length === 0) return [];
  const bounds = new Set<number>([0]);
  let at = 0;
  for (const w of segment(chars.join(''))) {
    at += Array.from(w).length;
    bounds.add(at);
  }
  return raw.filter((m) => {
    // A name followed by a street suffix is a street's name (清香坪市场街), not the facility.
    if (STREET_SUFFIX.has(chars[m.end] ?? '')) return false;
    const s = bounds.has(m.start);
    const e = bounds.has(m.end);
    return (s && e) || (m.term.full && m.term.term.length >= 5 && (s || e));
  });
}

const STREET_SUFFIX = new Set(['路', '街', '巷', '道']);

/**
 * Words that name a kind of facility without naming one, each with the kinds it may mean
 * (residents call a community health centre 卫生院 or 社区医院 alike). Longest first.
 */
export const KIND_WORDS: readonly (readonly [string, readonly FacilityKind[]])[] = [
  ['社区卫生服务中心', ['community_health_centre']],
  ['卫生服务中心', ['community_health_centre']],
  ['社区卫生站', ['community_health_centre']],
  ['社区医院', ['community_health_centre']],
  ['人民医院', ['hospital']],
  ['卫生院', ['hospital', 'community_health_centre']],
  ['医院', ['hospital', 'community_health_centre']],
  ['幼儿园', ['kindergarten']],
  ['中心小学', ['school']],
  ['小学', ['school']],
  ['中学', ['school']],
  ['初中', ['school']],
  ['学校', ['school']],
  ['农贸市场', ['market']],
  ['菜市场', ['market']],
  ['菜场', ['market']],
  ['养老服务中心', ['elderly_care']],
  ['敬老院', ['elderly_care']],
  ['养老院', ['elderly_care']],
  ['自来水厂', ['water_works']],
  ['客运站', ['bus_station']],
  ['汽车站', ['bus_station']],
  ['小区', ['residential_compound']],
  ['物业', ['residential_compound']],
];

/** Kind words in a normalised text, in order of appearance (each kind once). */
export function findKindWords(text: string): { word: string; kinds: readonly FacilityKind[] }[] {
  const found: { word: string; kinds: readonly FacilityKind[]; at: number }[] = [];
  let rest = text;
  for (const [word, kinds] of KIND_WORDS) {
    const at = rest.indexOf(word);
    if (at < 0) continue;
    found.push({ word, kinds, at });
    // Blank it so that a shorter word inside (医院 in 社区医院) is not found again.
    rest = rest.split(word).join('\u0000'.repeat(word.length));
  }
  return found.sort((a, b) => a.at - b.at).map(({ word, kinds }) => ({ word, kinds }));
}

/** Chinese kind names for reasons. */
export const KIND_ZH: Record<FacilityKind, string> = {
  community_health_centre: '社区卫生服务中心',
  hospital: '医院/卫生院',
  school: '学校',
  kindergarten: '幼儿园',
  market: '农贸市场',
  residential_compound: '小区',
  water_works: '水厂',
  elderly_care: '养老机构',
  bus_station: '客运站',
};
