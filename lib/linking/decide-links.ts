/**
 * Which building (and through it which household) and which facility a complaint is about: the
 * linking decision, pure. Its inputs are the complaint's text, category and point, the gazetteer
 * (`gazetteer.ts`) and the spatial candidates one query gathers around the point
 * (`listLinkCandidates` in db/queries/complaint-links.ts). Every channel links through
 * `linkComplaints` (link-complaints.server.ts), which calls this.
 *
 * Building, first that applies:
 *  1. reporter  the building the reporter picked (intake checks it lies ≤ 300 m from the point): 0.9
 *  2. footprint the footprint covering the point: 0.95
 *  3. nearest   the nearest footprint of the point's grid within `BUILDING_NEAR_M`: 0.85 − 0.01 / m
 *  4. address   an address in the text (`竹湖东路124号1栋`, `1组10号`) matching one building's address,
 *               when 1–3 found nothing: 0.8 (0.55 when several buildings match, the nearest taken);
 *               else a facility named in the text that occupies a building (`清香坪幼儿园旁边`): 0.5
 * A point derived from a written address (`precision`, Open311 `address_string` alone) links by place
 * only as far as it is one (`placeCandidates`): a building's centre → that building (`address`, 0.8); a
 * facility's place or a village's or town's centre → by the text only.
 * Household: only the building's household whose unit the text names (`3单元501`), never guessed.
 *
 * Facility, highest confidence wins:
 *  - name_mention  a facility's full name in the text: 0.95 within `NAME_NEAR_M` of the point,
 *                  0.8 within `NAME_FAR_M`, 0.6 beyond (or without a point)
 *  - short_name    a short form (`清香坪菜市场`): 0.85 / 0.65 / 0.45 at the same distances
 *  - facility_area the point inside the facility's building or compound boundary: 0.85
 *  - facility_point the point within `FACILITY_POINT_M` of a point facility: 0.8 − 0.004 / m
 *  - kind_nearest  a kind word in the text without a name (`幼儿园乱收费`), the nearest facility of
 *                  that kind within `KIND_RANGE_M`: 0.7 − 0.2 × distance / range
 * A name or short form that several facilities share takes the nearest of them, 0.25 lower (0.1
 * lower when the others are all beyond `NAME_FAR_M` and it is within `NAME_NEAR_M`). A facility by
 * place (area, point) or by kind word whose kind the category makes implausible (a road complaint inside a compound)
 * is 0.3 lower; a name mention that the point's own facility agrees with is 0.98.
 * Facility findings count a link at ≥ `FACILITY_LINK_MIN_CONFIDENCE` (0.6) or confirmed by staff.
 */
import type { LocationPrecision } from '@/lib/complaints/vocabulary';
import { haversineMetres } from './distance';
import {
  type FacilityKind,
  type FacilityMention,
  findFacilityMentions,
  findKindWords,
  type Gazetteer,
  type GazetteerFacility,
  KIND_ZH,
  normaliseText,
} from './gazetteer';
import { type AddressKey, readAddressKeys, readUnit } from './read-address';

export const BUILDING_NEAR_M = 30;
export const FACILITY_POINT_M = 50;
export const NAME_NEAR_M = 2_000;
export const NAME_FAR_M = 10_000;
/** How far a kind word without a name reaches, by kind (a compound is the one you stand in). */
export const KIND_RANGE_M: Record<FacilityKind, number> = {
  community_health_centre: 1_500,
  hospital: 1_500,
  school: 1_500,
  kindergarten: 1_500,
  market: 1_000,
  residential_compound: 300,
  water_works: 1_500,
  elderly_care: 1_500,
  bus_station: 1_500,
};
/** The widest kind range: what the candidates query gathers. */
export const KIND_RANGE_MAX_M = Math.max(...Object.values(KIND_RANGE_M));

export type BuildingLinkMethod = 'reporter' | 'footprint' | 'nearest' | 'address' | 'staff';
export type FacilityLinkMethod =
  | 'name_mention'
  | 'short_name'
  | 'facility_area'
  | 'facility_point'
  | 'kind_nearest'
  | 'staff';
export type LinkMethod = BuildingLinkMethod | FacilityLinkMethod;
export type LinkState = 'auto' | 'confirmed' | 'corrected';

/**
 * Which facility kinds a category makes plausible (level-2 code first, then level 1; absent: any
 * kind, e.g. 安全 or 噪声 may come from anywhere; empty: none, e.g. 农业农村).
 */
export const PLAUSIBLE_KINDS: Record<string, readonly FacilityKind[]> = {
  ZJ: ['residential_compound'],
  SL: ['water_works', 'residential_compound'],
  WJ: ['community_health_centre', 'hospital'],
  WY: ['residential_compound'],
  SC: ['market'],
  SD: ['residential_compound', 'water_works'],
  JT: ['bus_station', 'school', 'kindergarten'],
  JY: ['school', 'kindergarten'],
  MZ: ['elderly_care', 'community_health_centre', 'hospital'],
  MZ01: [],
  MZ02: ['elderly_care'],
  MZ03: ['community_health_centre', 'hospital'],
  // Wages, jobs and exams are about an employer or an examiner, none of the facility kinds: a wages
  // complaint filed from a health centre's compound names its employer, not the centre (by name it links).
  MZ05: [],
  MZ06: [],
  ZJ08: [],
  SC07: [],
  JT05: [],
  JT06: [],
  JY06: ['school', 'kindergarten'],
  CG: ['market', 'residential_compound'],
  NY: [],
};

export function plausibleKinds(categoryCode: string | null): readonly FacilityKind[] | null {
  if (!categoryCode) return null;
  return PLAUSIBLE_KINDS[categoryCode] ?? PLAUSIBLE_KINDS[categoryCode.slice(0, 2)] ?? null;
}

export interface LinkSubject {
  title: string;
  description: string;
  address: string | null;
  categoryCode: string | null;
  /** WGS84; null when the complaint has no usable point. */
  point: { lng: number; lat: number } | null;
  /**
   * What the point is (`LocationPrecision`; absent: `point`, where the reporter stood or pinned). A point
   * derived from a written address links by place only as far as it is one: `building` (the addressed
   * building's centre: that building, by address, and the compound around it), `facility` (the named
   * facility's place: by the name only), `village` / `town` (a division's centre: nothing by place).
   */
  precision?: LocationPrecision;
  /** A building the reporter picked at intake (already checked near the point). */
  reporterBuildingId?: number | null;
}

/**
 * The spatial candidates a point of this precision may link by (`LinkSubject.precision`): all of them
 * for a reporter's point; for a building located from its address, the building covering its centre
 * (linked as `address`) and the facilities around it; nothing by place for a facility's place or a
 * village's or town's centre.
 */
export function placeCandidates<C extends Pick<LinkCandidates, 'covering' | 'nearest' | 'facilities'>>(
  c: C,
  precision: LocationPrecision | undefined,
): C {
  if (precision === undefined || precision === 'point') return c;
  if (precision === 'building') return { ...c, nearest: null };
  return { ...c, covering: null, nearest: null, facilities: [] };
}

/** What the text says that the candidates query needs before it runs. */
export interface LinkText {
  text: string;
  unit: string | null;
  addressKeys: AddressKey[];
}

export function readLinkText(s: Pick<LinkSubject, 'title' | 'description' | 'address'>): LinkText {
  const text = normaliseText(`${s.title}。${s.description}。${s.address ?? ''}`);
  return { text, unit: readUnit(text), addressKeys: readAddressKeys(text) };
}

export interface BuildingCandidate {
  id: number;
  address: string;
  /** The household of this building whose unit the text names, if any. */
  householdId: number | null;
  distanceM: number;
}

export interface LinkCandidates {
  gridId: number | null;
  covering: BuildingCandidate | null;
  /** The nearest footprint of the point's grid within `BUILDING_NEAR_M` (when none covers it). */
  nearest: BuildingCandidate | null;
  /** The reporter's building, when one was picked. */
  reporter: BuildingCandidate | null;
  /** Buildings whose address matches an address in the text (filled only when asked). */
  byAddress: (BuildingCandidate & { written: string; road?: string | null })[];
  /** Facilities by place: covering the point (area), beside it (point), nearest of each kind (kind). */
  facilities: { id: number; via: 'area' | 'point' | 'kind'; distanceM: number }[];
}

export interface Link<M extends LinkMethod> {
  method: M;
  confidence: number;
  reason: string;
}

export interface LinkDecision {
  buildingId: number | null;
  householdId: number | null;
  building: Link<BuildingLinkMethod> | null;
  facilityId: number | null;
  facility: Link<FacilityLinkMethod> | null;
}

export const NO_LINKS: LinkDecision = {
  buildingId: null,
  householdId: null,
  building: null,
  facilityId: null,
  facility: null,
};

const round2 = (x: number) => Math.round(Math.max(0, Math.min(1, x)) * 100) / 100;
const metres = (d: number) => (d >= 1000 ? `${(d / 1000).toFixed(1)} 公里` : `${Math.round(d)} 米`);

/** Whether the building step should look for addresses in the text (no building found by place). */
export function needsAddressLookup(
  t: LinkText,
  c: Pick<LinkCandidates, 'covering' | 'nearest' | 'reporter'>,
) {
  return t.addressKeys.length > 0 && !c.reporter && !c.covering && !c.nearest;
}

export function decideLinks(
  subject: LinkSubject,
  text: LinkText,
  c: LinkCandidates,
  gazetteer: Gazetteer,
  segment: (text: string) => string[],
): LinkDecision {
  const mentions = findFacilityMentions(text.text, gazetteer, segment);
  const usable = placeCandidates(c, subject.precision);
  const building = decideBuilding(subject, text, usable, gazetteer, mentions);
  const facility = decideFacility(subject, text, usable, gazetteer, mentions);
  return {
    buildingId: building?.id ?? null,
    householdId: building?.householdId ?? null,
    building: building?.link ?? null,
    facilityId: facility?.id ?? null,
    facility: facility?.link ?? null,
  };
}

function decideBuilding(
  subject: LinkSubject,
  text: LinkText,
  c: LinkCandidates,
  gazetteer: Gazetteer,
  mentions: FacilityMention[],
): { id: number; householdId: number | null; link: Link<BuildingLinkMethod> } | null {
  const unitNote = (b: BuildingCandidate) => (b.householdId !== null ? `，文中户号“${text.unit}”` : '');
  if (c.reporter) {
    const b = c.reporter;
    return {
      id: b.id,
      householdId: b.householdId,
      link: {
        method: 'reporter',
        confidence: 0.9,
        reason: `报告人选择的楼栋“${b.address}”，距定位 ${metres(b.distanceM)}${unitNote(b)}`,
      },
    };
  }
  if (c.covering && subject.precision === 'building') {
    // The point is the centre of the building its written address named.
    const b = c.covering;
    return {
      id: b.id,
      householdId: b.householdId,
      link: {
        method: 'address',
        confidence: 0.8,
        reason: `按地址“${subject.address ?? ''}”定位到楼栋“${b.address}”${unitNote(b)}`,
      },
    };
  }
  if (c.covering) {
    const b = c.covering;
    return {
      id: b.id,
      householdId: b.householdId,
      link: { method: 'footprint', confidence: 0.95, reason: `定位位于楼栋“${b.address}”内${unitNote(b)}` },
    };
  }
  if (c.nearest && c.nearest.distanceM <= BUILDING_NEAR_M) {
    const b = c.nearest;
    return {
      id: b.id,
      householdId: b.householdId,
      link: {
        method: 'nearest',
        confidence: round2(0.85 - 0.01 * b.distanceM),
        reason: `定位距楼栋“${b.address}” ${metres(b.distanceM)}（同一网格内最近的楼栋）${unitNote(b)}`,
      },
    };
  }
  if (c.byAddress.length > 0) {
    const sorted = [...c.byAddress].sort((a, b) => a.distanceM - b.distanceM || a.id - b.id);
    const b = sorted[0]!;
    const several = sorted.length > 1;
    const far = subject.point ? `，距定位 ${metres(b.distanceM)}` : '';
    return {
      id: b.id,
      householdId: b.householdId,
      link: {
        method: 'address',
        confidence: several ? 0.55 : 0.8,
        reason: `文中地址“${b.road ?? ''}${b.written}”与楼栋“${b.address}”一致${several ? `（${sorted.length} 栋楼地址相符，取最近者）` : ''}${far}${unitNote(b)}`,
      },
    };
  }
  // A landmark: a facility named in the text that occupies a building (清香坪幼儿园旁边).
  for (const m of mentions) {
    if (m.term.facilityIds.length !== 1) continue;
    const f = gazetteer.facilities.get(m.term.facilityIds[0]!);
    if (!f?.buildingId || f.kind === 'residential_compound') continue;
    const d = subject.point ? haversineMetres(subject.point, f) : null;
    if (d !== null && d > NAME_NEAR_M) continue;
    return {
      id: f.buildingId,
      householdId: null,
      link: {
        method: 'address',
        confidence: 0.5,
        reason:
          subject.precision && subject.precision !== 'point'
            ? `按地址定位，文中提到“${m.term.term}”，取其所在楼栋`
            : `定位附近无楼栋，文中提到“${m.term.term}”，取其所在楼栋${d !== null ? `（距定位 ${metres(d)}）` : ''}`,
      },
    };
  }
  return null;
}

interface FacilityChoice {
  id: number;
  link: Link<FacilityLinkMethod>;
}

function decideFacility(
  subject: LinkSubject,
  text: LinkText,
  c: LinkCandidates,
  gazetteer: Gazetteer,
  mentions: FacilityMention[],
): FacilityChoice | null {
  const plausible = plausibleKinds(subject.categoryCode);
  const implausible = (f: GazetteerFacility) => plausible !== null && !plausible.includes(f.kind);
  const choices: FacilityChoice[] = [];
  const distanceTo = (f: GazetteerFacility) => (subject.point ? haversineMetres(subject.point, f) : null);

  // By name: each mention, the nearest facility it may name.
  for (const m of mentions) {
    const named = m.term.facilityIds
      .map((id) => gazetteer.facilities.get(id))
      .filter((f): f is GazetteerFacility => f !== undefined)
      .map((f) => ({ f, d: distanceTo(f) }))
      .sort((a, b) => (a.d ?? 0) - (b.d ?? 0) || a.f.id - b.f.id);
    const best = named[0];
    if (!best) continue;
    const [near, mid, far] = m.term.full ? [0.95, 0.8, 0.6] : [0.85, 0.65, 0.45];
    let confidence = best.d === null ? far : best.d <= NAME_NEAR_M ? near : best.d <= NAME_FAR_M ? mid : far;
    const where = best.d === null ? '' : `，距定位 ${metres(best.d)}`;
    let note = '';
    if (named.length > 1) {
      const othersFar = named.slice(1).every((o) => o.d !== null && o.d > NAME_FAR_M);
      const clear = othersFar && best.d !== null && best.d <= NAME_NEAR_M;
      confidence -= clear ? 0.1 : 0.25;
      note = `；同名设施 ${named.length} 处，取距定位最近者`;
    }
    const shortNote = m.term.full ? '' : `（“${best.f.name}”的简称）`;
    choices.push({
      id: best.f.id,
      link: {
        method: m.term.full ? 'name_mention' : 'short_name',
        confidence: round2(confidence),
        reason: `文中提到“${m.term.term}”${shortNote}${where}${note}`,
      },
    });
  }

  // By place: the facility covering the point, or beside it.
  for (const cand of c.facilities) {
    const f = gazetteer.facilities.get(cand.id);
    if (!f) continue;
    const penalty = implausible(f) ? 0.3 : 0;
    const why = penalty ? `；但诉求类别与${KIND_ZH[f.kind]}不相符` : '';
    if (cand.via === 'area') {
      const inside = f.kind === 'residential_compound' ? '小区范围内' : '所在楼栋内';
      choices.push({
        id: f.id,
        link: {
          method: 'facility_area',
          confidence: round2(0.85 - penalty),
          reason: `定位位于“${f.name}”${inside}${why}`,
        },
      });
    } else if (cand.via === 'point' && cand.distanceM <= FACILITY_POINT_M) {
      choices.push({
        id: f.id,
        link: {
          method: 'facility_point',
          confidence: round2(0.8 - 0.004 * cand.distanceM - penalty),
          reason: `定位距“${f.name}” ${metres(cand.distanceM)}${why}`,
        },
      });
    }
  }

  // A kind word without a name: the nearest facility of that kind in range.
  const namedKinds = new Set(
    mentions.flatMap((m) => m.term.facilityIds.map((id) => gazetteer.facilities.get(id)?.kind)),
  );
  for (const { word, kinds } of findKindWords(text.text)) {
    if (kinds.some((k) => namedKinds.has(k))) continue;
    const near = c.facilities
      .filter((x) => x.via === 'kind')
      .map((x) => ({ x, f: gazetteer.facilities.get(x.id) }))
      .filter(
        (y): y is { x: (typeof c.facilities)[number]; f: GazetteerFacility } =>
          y.f !== undefined && kinds.includes(y.f.kind) && y.x.distanceM <= KIND_RANGE_M[y.f.kind],
      )
      .sort((a, b) => a.x.distanceM - b.x.distanceM || a.f.id - b.f.id)[0];
    if (!near) continue;
    const range = KIND_RANGE_M[near.f.kind];
    const penalty = implausible(near.f) ? 0.3 : 0;
    choices.push({
      id: near.f.id,
      link: {
        method: 'kind_nearest',
        confidence: round2(0.7 - (0.2 * near.x.distanceM) / range - penalty),
        reason: `文中提到“${word}”但未写名称，取距定位最近的${KIND_ZH[near.f.kind]}“${near.f.name}”（${metres(near.x.distanceM)}，范围 ${metres(range)}）${penalty ? `；但诉求类别与${KIND_ZH[near.f.kind]}不相符` : ''}`,
      },
    });
    break;
  }

  if (choices.length === 0) return null;
  // A name the place agrees with: both say the same facility.
  const byName = choices.filter((x) => x.link.method === 'name_mention' || x.link.method === 'short_name');
  const byPlace = choices.filter(
    (x) => x.link.method === 'facility_area' || x.link.method === 'facility_point',
  );
  for (const n of byName) {
    const p = byPlace.find((x) => x.id === n.id);
    if (p) {
      n.link = {
        ...n.link,
        confidence: Math.max(n.link.confidence, 0.98),
        reason: `${n.link.reason}；${p.link.reason.replace(/；但.*$/, '')}`,
      };
    }
  }
  const order: FacilityLinkMethod[] = [
    'name_mention',
    'short_name',
    'facility_area',
    'facility_point',
    'kind_nearest',
  ];
  choices.sort(
    (a, b) =>
      b.link.confidence - a.link.confidence ||
      order.indexOf(a.link.method) - order.indexOf(b.link.method) ||
      a.id - b.id,
  );
  return choices[0]!;
}
