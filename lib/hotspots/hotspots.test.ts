/**
 * The hot-spot statistics checked against small cases computed by hand (the arithmetic is in the
 * comments), and against an independent form of the same statistic.
 */
import { describe, expect, it } from 'vitest';
import { chooseDistanceBand } from './distance-band';
import { classifyPattern, emergingHotSpots } from './emerging';
import { binThresholds, confidenceBin, fdrCriticalP } from './fdr';
import { giStar, giStarRatioForm } from './gi-star';
import { mannKendall } from './mann-kendall';
import { globalMoranI } from './moran';
import { neighboursWithin } from './neighbours';
import { twoSidedP } from './normal';

const line = (n: number) => Array.from({ length: n }, (_, i) => ({ x: i * 100, y: 0 }));

describe('Gi* (star, binary fixed-distance weights)', () => {
  // Five cells 100 m apart, values 1, 2, 3, 10, 4, band 100 m: each cell with itself and the cells
  // either side. n = 5, X̄ = 4, Σx² / n = 130 / 5 = 26, S = √(26 − 16) = √10.
  // Three neighbours: denominator √10 · √((5·3 − 9) / 4) = √15; two: √10 · √((5·2 − 4) / 4) = √15.
  // z_0 = (1+2 − 4·2)/√15 = −5/√15; z_1 = (1+2+3 − 12)/√15 = −6/√15; z_2 = (2+3+10 − 12)/√15 = 3/√15;
  // z_3 = (3+10+4 − 12)/√15 = 5/√15; z_4 = (10+4 − 8)/√15 = 6/√15.
  const values = [1, 2, 3, 10, 4];
  const neighbours = neighboursWithin(line(5), 100, true);
  const expected = [-5, -6, 3, 5, 6].map((v) => v / Math.sqrt(15));

  it('finds the neighbours in the band, self first', () => {
    expect(neighbours.map((l) => [...l].sort())).toEqual([
      [0, 1],
      [0, 1, 2],
      [1, 2, 3],
      [2, 3, 4],
      [3, 4],
    ]);
  });

  it('matches the hand computation to 1e-12', () => {
    giStar(values, neighbours).forEach((r, i) => {
      expect(r.z).toBeCloseTo(expected[i]!, 12);
      expect(r.p).toBeCloseTo(twoSidedP(expected[i]!), 12);
    });
  });

  it('equals the ratio form (PySAL G_Local star analytic z) to 1e-9 on a random grid', () => {
    const points = Array.from({ length: 400 }, (_, i) => ({
      x: (i % 20) * 250,
      y: Math.floor(i / 20) * 250,
    }));
    let seed = 7;
    const rand = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const v = points.map(() => Math.floor(rand() * 20));
    const nb = neighboursWithin(points, 600, true);
    const ratio = giStarRatioForm(v, nb);
    giStar(v, nb).forEach((r, i) => {
      expect(r.z).toBeCloseTo(ratio[i]!, 9);
    });
  });

  it('marks a planted cluster as a 99 % hot spot and empty surroundings as not hot', () => {
    const points = Array.from({ length: 225 }, (_, i) => ({
      x: (i % 15) * 100,
      y: Math.floor(i / 15) * 100,
    }));
    const v = points.map((p) => (Math.abs(p.x - 700) <= 100 && Math.abs(p.y - 700) <= 100 ? 30 : 1));
    const results = giStar(v, neighboursWithin(points, 150, true));
    const t = binThresholds(
      results.map((r) => r.p),
      true,
    );
    const centre = points.findIndex((p) => p.x === 700 && p.y === 700);
    expect(confidenceBin(results[centre]!.z, results[centre]!.p, t)).toBe(3);
    expect(confidenceBin(results[0]!.z, results[0]!.p, t)).toBeLessThanOrEqual(0);
  });
});

describe('p-values and the False Discovery Rate', () => {
  it('gives p = 0.05 at z = 1.959963984540054, symmetric', () => {
    expect(twoSidedP(1.959963984540054)).toBeCloseTo(0.05, 12);
    expect(twoSidedP(-2.5758293035489)).toBeCloseTo(0.01, 12);
    expect(twoSidedP(0)).toBe(1);
  });

  // m = 10 sorted p-values. α = 0.05: k/m·α = .005, .010, .015 …; p(1) = .001 ≤ .005 and
  // p(2) = .008 ≤ .010 pass, no later p(k) passes → critical .008. α = 0.10: k/m·α = .01 … .10;
  // p(6) = .06 ≤ .06 is the largest passing → .06. α = 0.01: only p(1) = .001 ≤ .001 → .001.
  const ps = [0.216, 0.001, 0.041, 0.008, 0.039, 0.06, 0.042, 0.074, 0.205, 0.212];
  it('computes the Benjamini–Hochberg critical p-values by hand', () => {
    expect(fdrCriticalP(ps, 0.05)).toBe(0.008);
    expect(fdrCriticalP(ps, 0.1)).toBe(0.06);
    expect(fdrCriticalP(ps, 0.01)).toBe(0.001);
    expect(fdrCriticalP([0.5, 0.9], 0.05)).toBe(0);
  });

  it('bins −3 … +3 by confidence, signed by z, with and without FDR', () => {
    const fdr = binThresholds(ps, true);
    expect(confidenceBin(3.3, 0.001, fdr)).toBe(3);
    expect(confidenceBin(-2.6, 0.008, fdr)).toBe(-2);
    expect(confidenceBin(2.0, 0.042, fdr)).toBe(1);
    expect(confidenceBin(2.0, 0.074, fdr)).toBe(0);
    const plain = binThresholds(ps, false);
    expect(confidenceBin(2.0, 0.042, plain)).toBe(2);
    expect(confidenceBin(-1.8, 0.074, plain)).toBe(-1);
  });
});

describe("global Moran's I (randomization)", () => {
  // Values 1, 2, 3, 4 on a line, neighbours either side. Deviations −1.5, −.5, .5, 1.5; Σz² = 5;
  // S0 = 6; Σ w z z = 2·(.75 − .25 + .75) = 2.5; I = (4/6)(2.5/5) = 1/3; E[I] = −1/3.
  // S1 = 12, S2 = 4 + 16 + 16 + 4 = 40, Σz⁴ = 10.25, b2 = 4·10.25/25 = 1.64.
  // V = [4(7·12 − 160 + 108) − 1.64(144 − 320 + 216)] / (3·2·1·36) − 1/9 = (128 − 65.6)/216 − 1/9.
  it('matches the hand computation', () => {
    const r = globalMoranI([1, 2, 3, 4], neighboursWithin(line(4), 100, false));
    const variance = (128 - 65.6) / 216 - 1 / 9;
    expect(r.i).toBeCloseTo(1 / 3, 12);
    expect(r.expected).toBeCloseTo(-1 / 3, 12);
    expect(r.variance).toBeCloseTo(variance, 12);
    expect(r.z).toBeCloseTo(2 / 3 / Math.sqrt(variance), 12);
  });

  it('picks a distance band and reports how', () => {
    const points = Array.from({ length: 400 }, (_, i) => ({
      x: (i % 20) * 100,
      y: Math.floor(i / 20) * 100,
    }));
    const v = points.map((p) => Math.round(10 * Math.exp(-((p.x - 1000) ** 2 + (p.y - 1000) ** 2) / 2e5)));
    const choice = chooseDistanceBand(points, v, 100);
    expect(choice.band).toBeGreaterThanOrEqual(100 * Math.SQRT2);
    expect(choice.profile).toHaveLength(8);
    expect(['incremental_spatial_autocorrelation_peak', 'average_knn_distance']).toContain(choice.method);
  });
});

describe('Mann-Kendall', () => {
  it('matches hand computations, with ties', () => {
    // 1…5: S = 10, V = 5·4·15/18 = 50/3, Z = 9/√(50/3).
    const up = mannKendall([1, 2, 3, 4, 5]);
    expect(up.s).toBe(10);
    expect(up.z).toBeCloseTo(9 / Math.sqrt(50 / 3), 12);
    // 1, 1, 2: S = 2, V = (3·2·11 − 2·1·9)/18 = 48/18, Z = 1/√(48/18).
    const ties = mannKendall([1, 1, 2]);
    expect(ties.s).toBe(2);
    expect(ties.z).toBeCloseTo(1 / Math.sqrt(48 / 18), 12);
    expect(mannKendall([3, 3, 3]).z).toBe(0);
    expect(mannKendall([5, 4, 3, 2, 1]).z).toBeCloseTo(-9 / Math.sqrt(50 / 3), 12);
  });
});

describe('emerging hot spot patterns', () => {
  const flat = { s: 0, z: 0, p: 1 };
  const rising = { s: 30, z: 3, p: 0.003 };
  const falling = { s: -30, z: -3, p: 0.003 };
  const ten = (...hot: number[]) => Array.from({ length: 10 }, (_, i) => (hot.includes(i) ? 1 : 0));
  it.each([
    ['new_hot', ten(9), flat],
    ['consecutive_hot', ten(7, 8, 9), flat],
    ['intensifying_hot', ten(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), rising],
    ['persistent_hot', ten(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), flat],
    ['diminishing_hot', ten(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), falling],
    ['sporadic_hot', ten(2, 5, 9), flat],
    ['historical_hot', ten(0, 1, 2, 3, 4, 5, 6, 7, 8), flat],
    ['none', ten(), flat],
    ['none', ten(3, 4), flat],
  ] as const)('%s', (pattern, signs, trend) => {
    expect(classifyPattern(signs, trend)).toBe(pattern);
  });
  it('oscillating and cold patterns', () => {
    const signs = [-1, -1, 0, 1, 0, 0, 1, 0, 0, 1];
    expect(classifyPattern(signs, flat)).toBe('oscillating_hot');
    expect(classifyPattern([0, 0, 0, 0, 0, 0, 0, 0, 0, -1], flat)).toBe('new_cold');
    expect(classifyPattern(Array(10).fill(-1), falling)).toBe('intensifying_cold');
  });

  it('finds a cell that heats up over time in a space-time cube', () => {
    const points = Array.from({ length: 100 }, (_, i) => ({
      x: (i % 10) * 100,
      y: Math.floor(i / 10) * 100,
    }));
    const hotCell = 55;
    const counts = points.map((_, c) =>
      Array.from({ length: 12 }, (_, t) => (c === hotCell || c === 56 ? (t >= 9 ? 40 : 1) : 1)),
    );
    const cells = emergingHotSpots({ points, counts, band: 150, timeWindow: 1, fdr: true });
    expect(['new_hot', 'consecutive_hot']).toContain(cells[hotCell]!.pattern);
    expect(cells[0]!.pattern).not.toMatch(/_hot$/);
  });
});

describe('a control area with uniform random complaints', () => {
  it('yields no significant hot or cold spot after FDR', () => {
    // 900 cells, each with a Poisson(6) count from a fixed-seed generator: no real structure.
    let seed = 12345;
    const rand = () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    const poisson = (lambda: number) => {
      const limit = Math.exp(-lambda);
      let k = 0;
      let p = rand();
      while (p > limit) {
        k++;
        p *= rand();
      }
      return k;
    };
    const points = Array.from({ length: 900 }, (_, i) => ({
      x: (i % 30) * 500,
      y: Math.floor(i / 30) * 500,
    }));
    const values = points.map(() => poisson(6));
    const results = giStar(values, neighboursWithin(points, 500 * Math.SQRT2, true));
    const fdr = binThresholds(
      results.map((r) => r.p),
      true,
    );
    expect(results.filter((r) => confidenceBin(r.z, r.p, fdr) !== 0)).toHaveLength(0);
    // Without the correction, chance alone marks some cells at 90 %: the reason FDR is on by default.
    const plain = binThresholds(
      results.map((r) => r.p),
      false,
    );
    expect(results.filter((r) => confidenceBin(r.z, r.p, plain) !== 0).length).toBeGreaterThan(0);
  });
});

describe('list-free neighbour sums', () => {
  it('give the same Gi* and Moran z as neighbour lists, and the same k-NN distance as brute force', async () => {
    const { giStarFromSums } = await import('./gi-star');
    const { globalMoranIFromSums } = await import('./moran');
    const { neighbourSums, averageKthNeighbourDistance } = await import('./neighbours');
    const points = Array.from({ length: 300 }, (_, i) => ({
      x: (i % 20) * 300 + (i % 7) * 11,
      y: Math.floor(i / 20) * 300,
    }));
    const values = points.map((_, i) => (i * 37) % 11);
    const lists = neighboursWithin(points, 700, true);
    const { count, sum } = neighbourSums(points, values, 700, true);
    const fromSums = giStarFromSums(values, count, sum);
    giStar(values, lists).forEach((r, i) => {
      expect(fromSums[i]!.z).toBeCloseTo(r.z, 12);
      expect(fromSums[i]!.neighbours).toBe(r.neighbours);
    });
    const moranLists = globalMoranI(values, neighboursWithin(points, 700, false));
    const moranSums = globalMoranIFromSums(values, (dev) => neighbourSums(points, dev, 700, false));
    expect(moranSums.z).toBeCloseTo(moranLists.z, 12);
    const brute =
      points
        .map(
          (p) =>
            points
              .filter((q) => q !== p)
              .map((q) => Math.hypot(q.x - p.x, q.y - p.y))
              .sort((a, b) => a - b)[7]!,
        )
        .reduce((a, b) => a + b, 0) / points.length;
    expect(averageKthNeighbourDistance(points, 8, 300)).toBeCloseTo(brute, 9);
  });
});

describe('incremental spatial autocorrelation in one pass', () => {
  it("equals Moran's I computed band by band", async () => {
    const { moranProfile } = await import('./moran');
    const points = Array.from({ length: 400 }, (_, i) => ({
      x: (i % 20) * 100,
      y: Math.floor(i / 20) * 100,
    }));
    const values = points.map(
      (p) => Math.round(10 * Math.exp(-((p.x - 700) ** 2 + (p.y - 1200) ** 2) / 3e5)) + ((p.x / 100) % 3),
    );
    const bands = [100 * Math.SQRT2, 200, 300, 400, 500];
    const profile = moranProfile(points, values, bands);
    bands.forEach((band, k) => {
      const direct = globalMoranI(values, neighboursWithin(points, band, false));
      expect(profile[k]!.i).toBeCloseTo(direct.i, 12);
      expect(profile[k]!.z).toBeCloseTo(direct.z, 9);
    });
  });
});
