import { describe, expect, it } from 'vitest';
import { DEFAULT_FACILITY_FINDING_SETTINGS as DEFAULTS } from './facility-finding-settings';
import {
  type CategoryRef,
  type FacilityCategoryCount,
  type FacilityRef,
  type FacilityTestEvidence,
  formatP,
  servedPopulation,
  testFacilityGroups,
} from './facility-findings';

const categories: CategoryRef[] = [
  { code: 'JY', level: 1, parentCode: null, nameZh: '教育', nameEn: 'Education' },
  { code: 'JY01', level: 2, parentCode: 'JY', nameZh: '入学招生', nameEn: 'Admissions' },
  { code: 'JY04', level: 2, parentCode: 'JY', nameZh: '教育收费', nameEn: 'School fees' },
  { code: 'WJ', level: 1, parentCode: null, nameZh: '卫健', nameEn: 'Health' },
  { code: 'WJ01', level: 2, parentCode: 'WJ', nameZh: '药品价格', nameEn: 'Drug prices' },
];

/** 10 kindergartens: office 1 supervises 1–4, office 2 5–7, office 3 8–10. */
const kindergartens: FacilityRef[] = Array.from({ length: 10 }, (_, i) => {
  const id = i + 1;
  const officeId = id <= 4 ? 1 : id <= 7 ? 2 : 3;
  return {
    id,
    name: `幼儿园${id}`,
    kind: 'kindergarten',
    officeId,
    officeName: `教育局${officeId}`,
    divisionCode: '510403001001',
    // One kindergarten per town of 10 000: residents served ∝ facilities, so both exposures agree.
    townCode: `5104030${String(id).padStart(2, '0')}000`,
    townPopulation: 10_000,
  };
});
const counts = (rows: [number, string, number][]): FacilityCategoryCount[] =>
  rows.map(([facilityId, categoryCode, n]) => ({ facilityId, categoryCode, n }));

// JY04 (14 in all, not sparse at sparseBelow 5): office 1 has 3+3+2+2 = 10, office 2 has 2, office 3 has 2.
// JY01 (3 in all) is sparse: pooled with the level-1-only complaint into JY: office 1 has 2, office 2 has 1.
const handCase = counts([
  [1, 'JY04', 3],
  [2, 'JY04', 3],
  [3, 'JY04', 2],
  [4, 'JY04', 2],
  [5, 'JY04', 1],
  [7, 'JY04', 1],
  [9, 'JY04', 1],
  [10, 'JY04', 1],
  [1, 'JY01', 1],
  [2, 'JY', 1],
  [5, 'JY01', 1],
]);

describe('the facility test on a hand-computed case', () => {
  const settings = { ...DEFAULTS, sparseBelow: 5 };
  const { tested } = testFacilityGroups(
    { facilities: kindergartens, counts: handCase, categories },
    settings,
  );
  const group = (office: number, code: string) =>
    tested.find((t) => t.officeId === office && t.category.code === code)!;

  it('tests level 2 where it has data and pools the sparse level 2 into level 1', () => {
    expect(tested.map((t) => `${t.officeId}:${t.category.code}`).sort()).toEqual([
      '1:JY',
      '1:JY04',
      '2:JY',
      '2:JY04',
      '3:JY',
      '3:JY04',
    ]);
    expect(group(1, 'JY').category).toMatchObject({ level: 1, codes: ['JY', 'JY01'] });
    expect(group(1, 'JY04').category).toMatchObject({ level: 2, codes: ['JY04'] });
  });

  it('computes exposure, expected, the binomial p and the BH q by hand', () => {
    const a = group(1, 'JY04');
    // π = 4/10, N = 14: expected 5.6; p = Σ_{k=10..14} C(14,k) 0.4^k 0.6^(14−k) = 0.0175095414784.
    expect(a).toMatchObject({ facilities: 4, facilitiesOfKind: 10, total: 14, observed: 10, affected: 4 });
    expect(a.expected).toBeCloseTo(5.6, 12);
    expect(a.ratio).toBeCloseTo(10 / 5.6, 12);
    expect(a.p).toBeCloseTo(0.0175095414784, 12);
    // Office 2, π = 0.3: P(X ≥ 2 | 14) = 1 − 0.7^14 − 14·0.3·0.7^13 = 0.95252438490057.
    expect(group(2, 'JY04').p).toBeCloseTo(0.95252438490057, 12);
    // Pooled JY (N = 3): office 1 P(X ≥ 2 | 3, 0.4) = 3·0.16·0.6 + 0.064 = 0.352; office 2 P(X ≥ 1 | 3, 0.3) = 1 − 0.343 = 0.657; office 3 observed 0 → 1.
    expect(group(1, 'JY').p).toBeCloseTo(0.352, 12);
    expect(group(2, 'JY').p).toBeCloseTo(0.657, 12);
    expect(group(3, 'JY').p).toBe(1);
    // m = 6 groups: the smallest p gets q = min_k (6/k)·p_(k) = 6 · 0.0175095414784; every other q caps at 1.
    expect(a.q).toBeCloseTo(6 * 0.0175095414784, 12);
    expect(group(1, 'JY').q).toBe(1);
  });

  it('finds nothing at q 0.05, and the office at q 0.15 with the evidence on the card', () => {
    expect(
      testFacilityGroups({ facilities: kindergartens, counts: handCase, categories }, settings).findings,
    ).toEqual([]);
    const { findings } = testFacilityGroups(
      { facilities: kindergartens, counts: handCase, categories },
      { ...settings, q: 0.15 },
    );
    expect(findings).toHaveLength(1);
    const f = findings[0]!;
    expect(f.key).toBe('facility_pattern:1:kindergarten');
    expect(f.facilityIds).toEqual([1, 2, 3, 4]);
    expect(f.topics).toEqual(['JY04']);
    // score = 0.5 + 0.05 · −log10(0.105057) = 0.5489 → 0.55
    expect(f.score).toBe(0.55);
    const e = f.evidence as unknown as FacilityTestEvidence;
    expect(e).toMatchObject({
      facilitiesTotal: 4,
      facilitiesOfKind: 10,
      facilitiesAffected: 4,
      complaints: 10,
    });
    expect(e.tested).toBe(6);
    expect(e.groups[0]).toMatchObject({ code: 'JY04', observed: 10, expected: 5.6, total: 14 });
    expect(e.facilities.map((x) => x.count)).toEqual([3, 3, 2, 2]);
    expect(f.why.zh).toContain('按设施数应有5.6件、按服务人口应有5.6件，实际10件');
    expect(f.why.zh).toContain(`q = ${formatP(6 * 0.0175095414784)}`);
  });

  it('needs at least two affected facilities, the minimum count and the minimum ratio', () => {
    // The same 10 complaints at one kindergarten: as significant, but one facility's problem.
    const one = counts([
      [1, 'JY04', 10],
      [5, 'JY04', 1],
      [7, 'JY04', 1],
      [9, 'JY04', 1],
      [10, 'JY04', 1],
    ]);
    const s = { ...settings, q: 0.15 };
    const run = (c: FacilityCategoryCount[], over = {}) =>
      testFacilityGroups({ facilities: kindergartens, counts: c, categories }, { ...s, ...over });
    expect(run(one).tested.find((t) => t.officeId === 1)?.affected).toBe(1);
    expect(run(one).findings).toEqual([]);
    expect(run(handCase, { minComplaints: 11 }).findings).toEqual([]);
    expect(run(handCase, { minRatio: 1.8 }).findings).toEqual([]);
    expect(run(handCase, { minFacilities: 5 }).findings).toEqual([]);
  });

  it('does not test an office that holds every facility of a kind, or fewer than the minimum', () => {
    const solo: FacilityRef[] = [1, 2, 3].map((id) => ({
      id: 100 + id,
      name: `中心${id}`,
      kind: 'community_health_centre',
      officeId: 9,
      officeName: '卫健局',
      divisionCode: '510403001001',
      townCode: null,
      townPopulation: null,
    }));
    const single = [{ ...kindergartens[0]!, id: 200, officeId: 8, officeName: '教育局8' }];
    const { tested } = testFacilityGroups(
      {
        facilities: [...kindergartens, ...solo, ...single],
        counts: [...handCase, ...counts([[101, 'WJ01', 40]])],
        categories,
      },
      settings,
    );
    expect(tested.some((t) => t.officeId === 9 || t.officeId === 8)).toBe(false);
    // The lone facility still counts in the exposure of the others: K = 11.
    expect(tested.find((t) => t.officeId === 1)?.facilitiesOfKind).toBe(11);
  });
});

describe('the second exposure: residents served', () => {
  /** 4 markets: office 1's in two towns of 30 000, office 2's in two towns of 10 000. */
  const markets: FacilityRef[] = [1, 2, 3, 4].map((id) => ({
    id,
    name: `市场${id}`,
    kind: 'market',
    officeId: id <= 2 ? 1 : 2,
    officeName: `市场监管局${id <= 2 ? 1 : 2}`,
    divisionCode: '510402001001',
    townCode: `town${id}`,
    townPopulation: id <= 2 ? 30_000 : 10_000,
  }));
  const c = counts([
    [1, 'WJ01', 6],
    [2, 'WJ01', 6],
    [3, 'WJ01', 2],
    [4, 'WJ01', 2],
  ]);

  it('takes the larger p of the two: more per facility, but not more per resident, is no finding', () => {
    const { tested, findings } = testFacilityGroups(
      { facilities: markets, counts: c, categories },
      { ...DEFAULTS, minFacilities: 2, q: 0.5 },
    );
    const one = tested.find((t) => t.officeId === 1)!;
    // By facilities π = ½: expected 8, P(X ≥ 12 | 16, ½) = 2517 / 65536 = 0.0384064.
    expect(one.expectedByFacilities).toBe(8);
    expect(one.pByFacilities).toBeCloseTo(2517 / 65536, 12);
    // By residents π = 60 000 / 80 000 = ¾: expected 12, P(X ≥ 12 | 16, ¾) = 0.630186175229.
    expect(one.expectedByPopulation).toBe(12);
    expect(one.pByPopulation).toBeCloseTo(0.6301861752290279, 12);
    expect(one.p).toBe(one.pByPopulation);
    expect(one.expected).toBe(12);
    expect(one).toMatchObject({ population: 60_000, populationOfKind: 80_000 });
    // Office 2: by residents π = ¼, P(X ≥ 4 | 16, ¼) = 0.59501; by facilities 0.98936 → p = 0.98936.
    expect(tested.find((t) => t.officeId === 2)!.p).toBeCloseTo(0.9893646240234375, 12);
    expect(findings).toEqual([]);
  });

  it('splits a town among the facilities of a kind in it, and falls back to facility count when unknown', () => {
    const shared = markets.map((m) => (m.id === 2 ? { ...m, townCode: 'town1' } : m));
    const served = servedPopulation(shared);
    expect(served.get(1)).toBe(15_000);
    expect(served.get(2)).toBe(15_000);
    expect(served.get(3)).toBe(10_000);
    const unknown = markets.map((m) => (m.id === 4 ? { ...m, townPopulation: null } : m));
    const t = testFacilityGroups({ facilities: unknown, counts: c, categories }, DEFAULTS).tested[0]!;
    expect(t.pByPopulation).toBeNull();
    expect(t.p).toBe(t.pByFacilities);
  });
});

describe('a planted pattern and a uniform control', () => {
  /** 20 markets, 4 offices of 5; every market drew 2 complaints on JY01 (a stand-in category). */
  const markets: FacilityRef[] = Array.from({ length: 20 }, (_, i) => ({
    id: i + 1,
    name: `市场${i + 1}`,
    kind: 'market',
    officeId: Math.floor(i / 5) + 1,
    officeName: `市场监管局${Math.floor(i / 5) + 1}`,
    divisionCode: '510402001001',
    townCode: `5104020${String(i + 1).padStart(2, '0')}000`,
    townPopulation: 20_000,
  }));
  const base = markets.map((m) => ({ facilityId: m.id, categoryCode: 'JY01', n: 2 }));

  it('finds 30 extra complaints at one office’s 5 markets', () => {
    const planted = base.map((c) => (c.facilityId <= 5 ? { ...c, n: c.n + 6 } : c));
    const { findings, tested } = testFacilityGroups(
      { facilities: markets, counts: planted, categories },
      DEFAULTS,
    );
    expect(findings.map((f) => f.key)).toEqual(['facility_pattern:1:market']);
    const t = tested.find((x) => x.officeId === 1)!;
    // N = 70, π = 0.25: expected 17.5, observed 40.
    expect(t).toMatchObject({ total: 70, observed: 40, expected: 17.5 });
    expect(t.q).toBeLessThan(1e-6);
  });

  it('stays silent when the same 30 are spread over all 20 markets', () => {
    const uniform = base.map((c) => ({ ...c, n: c.n + (c.facilityId % 2 === 0 ? 2 : 1) }));
    expect(uniform.reduce((n, c) => n + c.n, 0)).toBe(70);
    const { findings, tested } = testFacilityGroups(
      { facilities: markets, counts: uniform, categories },
      DEFAULTS,
    );
    expect(findings).toEqual([]);
    expect(Math.min(...tested.map((t) => t.q))).toBeGreaterThan(0.5);
  });
});
