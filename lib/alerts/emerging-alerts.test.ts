import { describe, expect, it } from 'vitest';
import { seededRandom } from '@/lib/triage/random';
import { EMERGING_DEFAULTS, evaluateEmergingAlerts, explainedBySurge } from './emerging-alerts';

function poisson(lambda: number, u: () => number): number {
  // Knuth for small λ, normal approximation for large (never reached here beyond ~10).
  const l = Math.exp(-lambda);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= u();
  } while (p > l);
  return k - 1;
}

/**
 * A city-like field: a 24 × 24 grid of 1 km cells, a few dense centres (up to ~3 complaints a week
 * per category) falling off to rural cells with almost none, 10 categories, 52 weeks of stationary
 * Poisson history. Week 0 is the newest.
 */
function ordinaryCity(seed: number) {
  const u = seededRandom(seed);
  const n = 24;
  const cells: { i: number; j: number }[] = [];
  const density: number[] = [];
  const centres = [
    [5, 6, 3],
    [16, 15, 2],
    [10, 19, 1],
  ] as const;
  for (let j = 0; j < n; j++)
    for (let i = 0; i < n; i++) {
      cells.push({ i: 500 + i, j: 3000 + j });
      let d = 0.01;
      for (const [ci, cj, peak] of centres) d += peak * Math.exp(-((i - ci) ** 2 + (j - cj) ** 2) / 6);
      density.push(d);
    }
  const counts = new Map<string, number[][]>();
  for (let k = 0; k < 10; k++) {
    const share = 0.3 + 1.4 * u();
    counts.set(
      `C${k}`,
      cells.map((_, c) => Array.from({ length: 52 }, () => poisson(density[c]! * share, u))),
    );
  }
  return { cells, counts, density };
}

describe('emerging hot-spot alerts', () => {
  it('stays silent on stationary history, however hot the centres are against the city', () => {
    let findings = 0;
    let tested = 0;
    for (const seed of [1, 2, 3, 4, 5]) {
      const city = ordinaryCity(seed);
      const r = evaluateEmergingAlerts({ cells: city.cells, counts: city.counts, weeksAvailable: 52 });
      findings += r.findings.length;
      tested += r.tested;
    }
    // Dense centres are hot against the city (tested: they reach the own-history test) ...
    expect(tested).toBeGreaterThan(50);
    // ... and their own history explains them: at most α per test (0.001), i.e. none here.
    console.info(`emerging control: ${findings} alerts in ${tested} tests over 5 cities`);
    expect(findings).toBeLessThanOrEqual(Math.max(1, Math.ceil(tested * EMERGING_DEFAULTS.alpha * 3)));
  });

  it('names a cell that turns hot in the last week (new) and a block that keeps rising', () => {
    const city = ordinaryCity(7);
    const u = seededRandom(70);
    // One more category, ordinary at 0.4 of the density, then planted.
    const cat = city.density.map((d) => Array.from({ length: 52 }, () => poisson(d * 0.4, u)));
    city.counts.set('PL', cat);
    const at = (i: number, j: number) => city.cells.findIndex((c) => c.i === 500 + i && c.j === 3000 + j);
    // A rural cell: 12 complaints this week, nothing of the kind in a year.
    const quiet = at(20, 3);
    cat[quiet] = Array.from({ length: 52 }, (_, w) => (w === 0 ? 12 : 0));
    // A 2 × 2 block beside a centre: its usual level for 46 weeks, then 2, 3, 4, 5, 6, 7 more a week.
    const block = [at(9, 10), at(10, 10), at(9, 11), at(10, 11)];
    for (const c of block) cat[c] = cat[c]!.map((n, w) => (w < 6 ? n + 7 - w : n));
    const r = evaluateEmergingAlerts({ cells: city.cells, counts: city.counts, weeksAvailable: 52 });
    const planted = r.findings.filter((f) => f.category === 'PL');
    const byCell = new Map(planted.map((f) => [f.cell, f]));
    expect(byCell.get(quiet)).toMatchObject({ pattern: 'new', windowWeeks: 1, observed: 12 });
    expect(byCell.get(quiet)!.pValue).toBeLessThan(1e-6);
    const rising = block.map((c) => byCell.get(c)).filter((f) => f !== undefined);
    expect(rising.length).toBeGreaterThanOrEqual(2);
    for (const f of rising) {
      expect(f.pattern).toMatch(/^(consecutive|intensifying)$/);
      expect(f.observed).toBeGreaterThan(f.upperLimit);
      expect(f.windowWeeks).toBeGreaterThanOrEqual(2);
    }
    // Elsewhere at most the stated false-alarm rate (α per tested cell × category).
    const others = r.findings.filter((f) => f.cell !== quiet && !block.includes(f.cell));
    expect(others.length).toBeLessThanOrEqual(Math.max(1, Math.ceil(r.tested * EMERGING_DEFAULTS.alpha * 3)));
  });

  it('does not judge a cell without enough history of its own', () => {
    const city = ordinaryCity(9);
    const cells = city.cells;
    const quiet = cells.findIndex((c) => c.i === 500 + 20 && c.j === 3000 + 3);
    const only = new Map([
      [
        'PL',
        city.density.map((_, c) =>
          Array.from({ length: 52 }, (_, w) =>
            c === quiet && w === 0 ? 12 : c % 7 === 0 && w % 3 === 0 ? 1 : 0,
          ),
        ),
      ],
    ]);
    const young = evaluateEmergingAlerts({ cells, counts: only, weeksAvailable: 6 });
    expect(young.findings).toEqual([]);
    const grown = evaluateEmergingAlerts({ cells, counts: only, weeksAvailable: 20 });
    expect(grown.findings.map((f) => [f.cell, f.pattern])).toEqual([[quiet, 'new']]);
  });
});

describe('an emerging cell that echoes a surge', () => {
  it('is the surge when fewer than the minimum count are its own, and its own alert otherwise', () => {
    const surge = new Set([1, 2, 3, 4, 5, 6, 7, 8]);
    // A one-day burst: the cell's 4 complaints are all the surge's.
    expect(explainedBySurge([2, 4, 6, 8], surge)).toBe(true);
    // Two of its own besides the burst: still under the minimum of 3.
    expect(explainedBySurge([2, 4, 6, 8, 20, 21], surge)).toBe(true);
    // Three of its own: a growing problem the surge does not explain.
    expect(explainedBySurge([2, 4, 20, 21, 22], surge)).toBe(false);
    // No surge of that category in the run.
    expect(explainedBySurge([2, 4, 6], undefined)).toBe(false);
    expect(explainedBySurge([2, 4, 6], new Set())).toBe(false);
  });
});
