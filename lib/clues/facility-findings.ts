/**
 * Facility findings: does one supervising office's set of facilities draw more complaints of a kind
 * than the same kind of facility elsewhere? A pure function of counts (tested on hand-computed cases).
 *
 * Unit of test ("group"): supervising office × facility kind × category, where the category is a
 * level-2 category, or, for the level-2 categories that are sparse for that kind (all facilities of
 * the kind together drew fewer than `sparseBelow` complaints on it in the window), their level-1
 * category with them pooled (plus complaints classified at level 1 only). Each complaint thus counts
 * in exactly one group per kind.
 *
 * Exposure, two of them, written down on every finding:
 * - facilities: the number of facilities, i.e. facility-months over the window with every facility
 *   open for all of it (facilities carry no opening date; `created_at` is the record's);
 * - residents served: each town's census population (`divisions.population`) divided equally among
 *   the facilities of the kind in that town (a facility serves the residents around it, and complaints
 *   follow residents: a district's facilities in dense towns draw more without any failing).
 * The reference is every facility of the kind in the city, whatever the caller's area, so an office
 * is compared with all others; only counts leave the server for complaints outside the caller's
 * jurisdiction.
 *
 * Statistic: with N the complaints in the group's category at all facilities of the kind and e / E the
 * office's and the kind's exposure, under "no office differs" each complaint falls on the office's
 * facilities with probability π = e / E, so the office's count X ~ Binomial(N, π) (the exact
 * conditional test of two Poisson rates with exposures e and E − e). expected = N · π,
 * p_e = P(X ≥ observed), one-sided (`binomial-tail.ts`). The excess must hold against both
 * exposures: p = max(p_facilities, p_residents), an intersection–union test (valid at the same level),
 * and expected is the larger of the two expectations. Where a facility of the kind has no population
 * on record, that kind is tested by facility count alone.
 *
 * Tested: every group whose office has at least `minFacilities` facilities of the kind and not all
 * of them (no comparison is possible otherwise), with N ≥ 1. Benjamini–Hochberg q-values
 * (`lib/hotspots/fdr.ts`) over all of them at once. A group is significant when q ≤ `q`, observed ≥
 * `minComplaints`, observed / expected ≥ `minRatio`, and at least `minFacilities` of the office's
 * facilities drew ≥ `minPerFacility` complaints in it (not one facility's problem).
 *
 * Finding: one per office × kind with at least one significant group, naming those groups, the
 * affected facilities and their counts. score = min(1, 0.5 + 0.05 · −log10(smallest q)).
 */
import { bhQValues } from '@/lib/hotspots/fdr';
import { binomialUpperTail } from './binomial-tail';
import type { FacilityFindingSettings } from './facility-finding-settings';
import { FACILITY_KIND_NAMES, type Finding } from './score-findings';

export interface FacilityRef {
  id: number;
  name: string;
  kind: string;
  officeId: number;
  officeName: string;
  divisionCode: string;
  /** The town whose residents it serves, and that town's census population (null when unknown). */
  townCode: string | null;
  townPopulation: number | null;
}

/** Counted complaints at one facility with one category code (level 1 or 2) in the window. */
export interface FacilityCategoryCount {
  facilityId: number;
  categoryCode: string;
  n: number;
}

export interface CategoryRef {
  code: string;
  level: number;
  parentCode: string | null;
  nameZh: string;
  nameEn: string;
}

export interface CategoryGroup {
  /** The level-2 code, or the level-1 code for a pooled group. */
  code: string;
  level: 1 | 2;
  /** The category codes the group counts (for a pooled group: the level-1 code and its sparse children). */
  codes: string[];
  nameZh: string;
  nameEn: string;
}

export interface FacilityCount {
  id: number;
  name: string;
  count: number;
}

export interface TestedGroup {
  officeId: number;
  officeName: string;
  kind: string;
  category: CategoryGroup;
  /** Exposure: the office's facilities of the kind (k) and all facilities of the kind (K). */
  facilities: number;
  facilitiesOfKind: number;
  /** Residents served by the office's facilities of the kind and by all of them (null: not known). */
  population: number | null;
  populationOfKind: number | null;
  /** N: complaints in the category at all facilities of the kind. */
  total: number;
  observed: number;
  expectedByFacilities: number;
  expectedByPopulation: number | null;
  pByFacilities: number;
  pByPopulation: number | null;
  /** The binding (larger) expectation and p-value of the two. */
  expected: number;
  ratio: number;
  p: number;
  q: number;
  /** The office's facilities with ≥ minPerFacility complaints in the group. */
  affected: number;
  perFacility: FacilityCount[];
  significant: boolean;
}

export interface FacilityTestGroupEvidence {
  code: string;
  level: 1 | 2;
  codes: string[];
  nameZh: string;
  nameEn: string;
  total: number;
  observed: number;
  expected: number;
  expectedByFacilities: number;
  expectedByPopulation: number | null;
  ratio: number;
  p: number;
  pByFacilities: number;
  pByPopulation: number | null;
  q: number;
  affected: number;
}

export interface FacilityFindingSample {
  id: number;
  trackingCode: string;
  title: string;
  categoryName: string | null;
  facilityName: string;
  submittedAt: string;
}

/** What a facility finding carries (`Finding.evidence` of kind `facility_pattern`). */
export interface FacilityTestEvidence {
  test: 'binomial';
  exposure: 'facilities+residents';
  kind: string;
  facilitiesTotal: number;
  facilitiesOfKind: number;
  population: number | null;
  populationOfKind: number | null;
  facilitiesAffected: number;
  /** Observed complaints over the significant groups. */
  complaints: number;
  expected: number;
  /** Groups tested city-wide (the Benjamini–Hochberg family). */
  tested: number;
  fdr: number;
  groups: FacilityTestGroupEvidence[];
  /** Every facility of the kind under the office, with its complaints in the significant groups. */
  facilities: FacilityCount[];
  /** Recent complaints behind the finding, within the caller's jurisdiction (filled on the server). */
  samples: FacilityFindingSample[];
}

const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

/** p and q as people read them: three decimals, or two significant digits in scientific notation. */
export function formatP(p: number): string {
  if (!Number.isFinite(p)) return '—';
  if (p === 0) return '< 1e-300';
  if (p >= 0.001) return p >= 0.9995 ? '1' : p.toFixed(3);
  return p.toExponential(1);
}

/**
 * Residents each facility serves: its town's population split equally among the facilities of its
 * kind in that town; null when the town or its population is unknown.
 */
export function servedPopulation(facilities: readonly FacilityRef[]): Map<number, number | null> {
  const perTownKind = new Map<string, number>();
  for (const f of facilities) {
    if (f.townCode === null) continue;
    const key = `${f.kind}|${f.townCode}`;
    perTownKind.set(key, (perTownKind.get(key) ?? 0) + 1);
  }
  return new Map(
    facilities.map((f) => [
      f.id,
      f.townCode === null || f.townPopulation === null || f.townPopulation <= 0
        ? null
        : f.townPopulation / perTownKind.get(`${f.kind}|${f.townCode}`)!,
    ]),
  );
}

export function testFacilityGroups(
  input: {
    facilities: readonly FacilityRef[];
    counts: readonly FacilityCategoryCount[];
    categories: readonly CategoryRef[];
  },
  s: FacilityFindingSettings,
): { tested: TestedGroup[]; findings: Finding[] } {
  const categoryBy = new Map(input.categories.map((c) => [c.code, c]));
  const facilityBy = new Map(input.facilities.map((f) => [f.id, f]));
  const byKind = new Map<string, FacilityRef[]>();
  for (const f of input.facilities) {
    const list = byKind.get(f.kind);
    if (list) list.push(f);
    else byKind.set(f.kind, [f]);
  }

  // Kind-wide totals per level-2 code decide which level-2 categories are sparse.
  const kindCode = new Map<string, number>();
  for (const c of input.counts) {
    const f = facilityBy.get(c.facilityId);
    if (!f || !categoryBy.has(c.categoryCode)) continue;
    const key = `${f.kind}|${c.categoryCode}`;
    kindCode.set(key, (kindCode.get(key) ?? 0) + c.n);
  }

  interface Cell {
    kind: string;
    group: CategoryGroup;
    total: number;
    byFacility: Map<number, number>;
  }
  const cells = new Map<string, Cell>();
  for (const c of input.counts) {
    const f = facilityBy.get(c.facilityId);
    const cat = categoryBy.get(c.categoryCode);
    if (!f || !cat || c.n <= 0) continue;
    const level1 = cat.level === 1 ? cat : categoryBy.get(cat.parentCode ?? '');
    if (!level1) continue;
    const ownLevel2 = cat.level === 2 && (kindCode.get(`${f.kind}|${cat.code}`) ?? 0) >= s.sparseBelow;
    const groupCat = ownLevel2 ? cat : level1;
    const key = `${f.kind}|${groupCat.code}`;
    let cell = cells.get(key);
    if (!cell) {
      cell = {
        kind: f.kind,
        group: {
          code: groupCat.code,
          level: ownLevel2 ? 2 : 1,
          codes: [groupCat.code],
          nameZh: groupCat.nameZh,
          nameEn: groupCat.nameEn,
        },
        total: 0,
        byFacility: new Map(),
      };
      cells.set(key, cell);
    }
    if (!cell.group.codes.includes(cat.code)) cell.group.codes.push(cat.code);
    cell.total += c.n;
    cell.byFacility.set(f.id, (cell.byFacility.get(f.id) ?? 0) + c.n);
  }

  const served = servedPopulation(input.facilities);
  const tested: Omit<TestedGroup, 'q' | 'significant'>[] = [];
  for (const key of [...cells.keys()].sort()) {
    const cell = cells.get(key)!;
    cell.group.codes.sort();
    const all = byKind.get(cell.kind) ?? [];
    const offices = new Map<number, FacilityRef[]>();
    for (const f of all) {
      const list = offices.get(f.officeId);
      if (list) list.push(f);
      else offices.set(f.officeId, [f]);
    }
    for (const officeId of [...offices.keys()].sort((a, b) => a - b)) {
      const own = offices.get(officeId)!;
      if (own.length < s.minFacilities || own.length === all.length) continue;
      const pi = own.length / all.length;
      const perFacility = own
        .map((f) => ({ id: f.id, name: f.name, count: cell.byFacility.get(f.id) ?? 0 }))
        .sort((a, b) => b.count - a.count || a.id - b.id);
      const observed = perFacility.reduce((n, f) => n + f.count, 0);
      const populationKnown = all.every((f) => served.get(f.id) != null);
      const population = populationKnown ? own.reduce((n, f) => n + served.get(f.id)!, 0) : null;
      const populationOfKind = populationKnown ? all.reduce((n, f) => n + served.get(f.id)!, 0) : null;
      const piPop = population !== null && populationOfKind ? population / populationOfKind : null;
      const expectedByFacilities = cell.total * pi;
      const expectedByPopulation = piPop === null ? null : cell.total * piPop;
      const pByFacilities = binomialUpperTail(observed, cell.total, pi);
      const pByPopulation = piPop === null ? null : binomialUpperTail(observed, cell.total, piPop);
      const expected = Math.max(expectedByFacilities, expectedByPopulation ?? 0);
      tested.push({
        officeId,
        officeName: own[0]!.officeName,
        kind: cell.kind,
        category: cell.group,
        facilities: own.length,
        facilitiesOfKind: all.length,
        population: population === null ? null : Math.round(population),
        populationOfKind: populationOfKind === null ? null : Math.round(populationOfKind),
        total: cell.total,
        observed,
        expectedByFacilities,
        expectedByPopulation,
        pByFacilities,
        pByPopulation,
        expected,
        ratio: expected > 0 ? observed / expected : 0,
        p: Math.max(pByFacilities, pByPopulation ?? 0),
        affected: perFacility.filter((f) => f.count >= s.minPerFacility).length,
        perFacility,
      });
    }
  }

  const qs = bhQValues(tested.map((t) => t.p));
  const groups: TestedGroup[] = tested.map((t, i) => {
    const q = qs[i]!;
    const significant =
      q <= s.q && t.observed >= s.minComplaints && t.ratio >= s.minRatio && t.affected >= s.minFacilities;
    return { ...t, q, significant };
  });

  const byOfficeKind = new Map<string, TestedGroup[]>();
  for (const g of groups) {
    if (!g.significant) continue;
    const key = `${g.officeId}:${g.kind}`;
    const list = byOfficeKind.get(key);
    if (list) list.push(g);
    else byOfficeKind.set(key, [g]);
  }
  const findings: Finding[] = [];
  for (const [key, list] of byOfficeKind) {
    list.sort((a, b) => a.q - b.q || a.p - b.p || a.category.code.localeCompare(b.category.code));
    findings.push(facilityFinding(key, list, groups.length, s));
  }
  return {
    tested: groups,
    findings: findings.sort((a, b) => b.score - a.score || a.key.localeCompare(b.key)),
  };
}

function facilityFinding(
  key: string,
  list: TestedGroup[],
  tested: number,
  s: FacilityFindingSettings,
): Finding {
  const top = list[0]!;
  const kindName = FACILITY_KIND_NAMES[top.kind] ?? { zh: top.kind, en: top.kind };
  const counts = new Map<number, FacilityCount>();
  for (const g of list) {
    for (const f of g.perFacility) {
      const c = counts.get(f.id);
      if (c) c.count += f.count;
      else counts.set(f.id, { ...f });
    }
  }
  const affectedIds = new Set(
    list.flatMap((g) => g.perFacility.filter((f) => f.count >= s.minPerFacility).map((f) => f.id)),
  );
  const facilities = [...counts.values()].sort((a, b) => b.count - a.count || a.id - b.id);
  const observed = list.reduce((n, g) => n + g.observed, 0);
  const expected = list.reduce((n, g) => n + g.expected, 0);
  const affected = affectedIds.size;
  const topicsZh = list.map((g) => g.category.nameZh).join('、');
  const topicsEn = list.map((g) => g.category.nameEn).join(', ');
  const share = Math.round((top.facilities / top.facilitiesOfKind) * 100);
  const popShare =
    top.population !== null && top.populationOfKind
      ? Math.round((top.population / top.populationOfKind) * 100)
      : null;
  const more =
    list.length > 1
      ? {
          zh: `另有${list.length - 1}类问题同样显著（${list
            .slice(1)
            .map((g) => `${g.category.nameZh} ${g.observed}/${round(g.expected, 1)}件，q = ${formatP(g.q)}`)
            .join('；')}）。`,
          en: ` ${list.length - 1} more categories are significant too (${list
            .slice(1)
            .map((g) => `${g.category.nameEn} ${g.observed} vs ${round(g.expected, 1)}, q = ${formatP(g.q)}`)
            .join('; ')}).`,
        }
      : { zh: '', en: '' };
  const evidence: FacilityTestEvidence = {
    test: 'binomial',
    exposure: 'facilities+residents',
    kind: top.kind,
    facilitiesTotal: top.facilities,
    facilitiesOfKind: top.facilitiesOfKind,
    population: top.population,
    populationOfKind: top.populationOfKind,
    facilitiesAffected: affected,
    complaints: observed,
    expected: round(expected, 2),
    tested,
    fdr: s.q,
    groups: list.map((g) => ({
      code: g.category.code,
      level: g.category.level,
      codes: g.category.codes,
      nameZh: g.category.nameZh,
      nameEn: g.category.nameEn,
      total: g.total,
      observed: g.observed,
      expected: round(g.expected, 2),
      expectedByFacilities: round(g.expectedByFacilities, 2),
      expectedByPopulation: g.expectedByPopulation === null ? null : round(g.expectedByPopulation, 2),
      ratio: round(g.ratio, 2),
      p: g.p,
      pByFacilities: g.pByFacilities,
      pByPopulation: g.pByPopulation,
      q: g.q,
      affected: g.affected,
    })),
    facilities,
    samples: [],
  };
  return {
    key: `facility_pattern:${key}`,
    kind: 'facility_pattern',
    score: round(Math.min(1, 0.5 + 0.05 * -Math.log10(Math.max(top.q, 1e-300)))),
    officeId: top.officeId,
    officeName: top.officeName,
    title: {
      zh: `${top.officeName}监管的${affected}个${kindName.zh}${topicsZh}诉求显著偏多`,
      en: `${affected} ${kindName.en} supervised by ${top.officeName}: significantly more complaints on ${topicsEn}`,
    },
    why: {
      zh:
        `${top.officeName}监管全市${top.facilitiesOfKind}个${kindName.zh}中的${top.facilities}个（设施数占${share}%${popShare === null ? '' : `，服务人口占${popShare}%`}）。` +
        `该时段同类设施共收到“${top.category.nameZh}”诉求${top.total}件，按设施数应有${round(top.expectedByFacilities, 1)}件` +
        `${top.expectedByPopulation === null ? '' : `、按服务人口应有${round(top.expectedByPopulation, 1)}件`}，实际${top.observed}件（${round(top.ratio, 1)}倍），` +
        `单侧二项检验 p = ${formatP(top.p)}，经 Benjamini–Hochberg 校正（全市共检验${tested}组）q = ${formatP(top.q)}；` +
        `其中${top.affected}个设施被反映。${more.zh}同类问题跨设施集中出现，指向主管部门的监管责任。`,
      en:
        `${top.officeName} supervises ${top.facilities} of the city's ${top.facilitiesOfKind} ${kindName.en} (${share}% by count${popShare === null ? '' : `, ${popShare}% of the residents they serve`}). ` +
        `Those ${kindName.en} drew ${top.total} complaints on ${top.category.nameEn} in the window; ${round(top.expectedByFacilities, 1)} were expected at this office's by facility count` +
        `${top.expectedByPopulation === null ? '' : ` and ${round(top.expectedByPopulation, 1)} by residents served`}, ${top.observed} arrived (${round(top.ratio, 1)}×), ` +
        `one-sided binomial p = ${formatP(top.p)}, Benjamini–Hochberg q = ${formatP(top.q)} over ${tested} groups tested city-wide; ${top.affected} facilities are affected.${more.en} ` +
        'A problem shared across facilities points to the supervising office.',
    },
    facilityIds: facilities.filter((f) => affectedIds.has(f.id)).map((f) => f.id),
    topics: [...new Set(list.flatMap((g) => g.category.codes))].sort(),
    evidence: evidence as unknown as Record<string, unknown>,
  };
}
