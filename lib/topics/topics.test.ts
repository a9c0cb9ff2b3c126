import { describe, expect, it } from 'vitest';
import { seededRandom } from '@/lib/triage/random';
import { addMonths, compareBeforeAfter } from './before-after';
import { type ProblemInput, rankTopicCandidates } from './rank-topics';

function poisson(lambda: number, u: () => number): number {
  const l = Math.exp(-lambda);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= u();
  } while (p > l);
  return k - 1;
}

/** A county's year: 12 towns × 10 categories of ordinary problems, rates 0.1–4 a month. */
function ordinaryCounty(seed: number): ProblemInput[] {
  const u = seededRandom(seed);
  const out: ProblemInput[] = [];
  for (let t = 0; t < 12; t++)
    for (let c = 0; c < 10; c++) {
      const rate = 0.1 + 4 * u() ** 2;
      const monthly = Array.from({ length: 12 }, () => poisson(rate, u));
      const volume = monthly.reduce((a, b) => a + b, 0);
      const rated = Math.round(volume * 0.7);
      out.push({
        area: { code: `5104210${String(t).padStart(2, '0')}000`, name: `T${t}`, path: `T${t}` },
        category: { code: `C${c}`, name: `C${c}`, nameEn: `C${c}` },
        monthly,
        pattern: u() < 0.1 ? 'sporadic_hot' : 'none',
        offices: 1 + Math.floor(u() * 2),
        rated,
        unsatisfied: poisson(rated * 0.05, u),
        reopened: poisson(volume * 0.02, u),
      });
    }
  return out;
}

describe('每月一题 candidates', () => {
  it('ranks a planted recurring problem first: every month, many offices, dissatisfied, reopened', () => {
    for (const seed of [1, 2, 3]) {
      const problems = ordinaryCounty(seed);
      problems.push({
        area: { code: '510421099000', name: '某镇', path: '米易县某镇' },
        category: { code: 'SL', name: '水利', nameEn: 'Water' },
        monthly: [5, 6, 4, 7, 5, 6, 8, 6, 7, 5, 6, 7],
        pattern: 'persistent_hot',
        offices: 4,
        rated: 50,
        unsatisfied: 14,
        reopened: 9,
      });
      const ranked = rankTopicCandidates(problems);
      expect(ranked[0]).toMatchObject({ rank: 1, area: { code: '510421099000' }, category: { code: 'SL' } });
      expect(ranked[0]!.dissatisfaction).toBeGreaterThan(0.2);
      expect(ranked.length).toBeLessThanOrEqual(20);
      // Ranked by score, each with its five components between 0 and 1.
      for (let i = 1; i < ranked.length; i++)
        expect(ranked[i]!.score).toBeLessThanOrEqual(ranked[i - 1]!.score);
      for (const c of ranked)
        for (const v of Object.values(c.components)) expect(v).toBeGreaterThanOrEqual(0);
    }
  });

  it('leaves out one-off problems (too few complaints or months) and shrinks small samples', () => {
    const ranked = rankTopicCandidates([
      {
        area: { code: 'A', name: 'A', path: 'A' },
        category: { code: 'X', name: 'X', nameEn: 'X' },
        monthly: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 30],
        pattern: 'new_hot',
        offices: 1,
        rated: 0,
        unsatisfied: 0,
        reopened: 0,
      },
      {
        area: { code: 'B', name: 'B', path: 'B' },
        category: { code: 'X', name: 'X', nameEn: 'X' },
        monthly: [1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 1],
        pattern: 'none',
        offices: 1,
        rated: 2,
        unsatisfied: 2,
        reopened: 0,
      },
    ]);
    expect(ranked.map((c) => c.area.code)).toEqual(['B']);
    // 2 of 2 unsatisfied, shrunk with 5 pseudo-ratings towards the pooled 100 %: stays 1; reopen 0.
    expect(ranked[0]!.dissatisfaction).toBeCloseTo(1, 6);
    expect(ranked[0]!.reopenRate).toBe(0);
  });
});

describe('before / after the pick', () => {
  const months = Array.from({ length: 17 }, (_, k) => addMonths('2025-11', k));
  it('a fall from 10 a month to 4 is significant', () => {
    // 2025-11 … 2026-10 before (12 × 10), 2026-11 the topic’s month, 2026-12 … 2027-03 after (4 × 4).
    const counts = months.map((m) => (m < '2026-11' ? 10 : m === '2026-11' ? 8 : 4));
    const r = compareBeforeAfter({ months, counts, topicMonth: '2026-11', currentMonth: '2027-04' });
    expect(r.before).toEqual({ months: 12, total: 120, mean: 10 });
    expect(r.after).toEqual({ months: 4, total: 16, mean: 4 });
    expect(r.rateRatio).toBeCloseTo(0.4, 6);
    // N = 136, π = 4/16: P(X ≤ 16) for Binomial(136, 0.25) (mean 34): ≈ 1e-5.
    expect(r.pDecrease!).toBeLessThan(1e-4);
    expect(r.pDecrease!).toBeGreaterThan(1e-7);
    expect(r.verdict).toBe('fell');
  });

  it('ordinary noise is no change, and no whole month after is too early', () => {
    const counts = months.map((_, k) => [10, 9, 11, 10, 12, 8][k % 6]!);
    const r = compareBeforeAfter({ months, counts, topicMonth: '2026-11', currentMonth: '2027-04' });
    expect(r.verdict).toBe('no_change');
    const early = compareBeforeAfter({ months, counts, topicMonth: '2026-11', currentMonth: '2026-12' });
    expect(early.verdict).toBe('too_early');
    expect(early.pDecrease).toBeNull();
  });

  it('does not count months before the city had data as zeros', () => {
    const counts = months.map((m) => (m < '2026-04' ? 0 : m < '2026-11' ? 6 : m === '2026-11' ? 6 : 2));
    const all = compareBeforeAfter({ months, counts, topicMonth: '2026-11', currentMonth: '2027-04' });
    expect(all.before).toEqual({ months: 12, total: 42, mean: 3.5 });
    const since = compareBeforeAfter({
      months,
      counts,
      topicMonth: '2026-11',
      currentMonth: '2027-04',
      firstMonth: '2026-04',
    });
    expect(since.before).toEqual({ months: 7, total: 42, mean: 6 });
    expect(since.verdict).toBe('fell');
  });

  it('matches a hand-computed binomial tail', () => {
    // before 2 months of 3 (6), after 1 month of 0: π = 1/3, N = 6, P(X ≤ 0) = (2/3)^6.
    const r = compareBeforeAfter({
      months: ['2026-01', '2026-02', '2026-03', '2026-04'],
      counts: [3, 3, 9, 0],
      topicMonth: '2026-03',
      currentMonth: '2026-05',
    });
    expect(r.before.total).toBe(6);
    expect(r.after.total).toBe(0);
    expect(r.pDecrease!).toBeCloseTo((2 / 3) ** 6, 9);
  });
});
