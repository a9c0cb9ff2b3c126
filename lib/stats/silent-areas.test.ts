import { describe, expect, it } from 'vitest';
import { findSilentAreas, poissonLowerTail } from './silent-areas';

/** A deterministic Poisson draw (Knuth), so the controls are ordinary noise, not flat counts. */
function poisson(lambda: number, seed: { s: number }): number {
  const next = () => {
    seed.s = (seed.s * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed.s / 2 ** 31;
  };
  const l = Math.exp(-lambda);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= next();
  } while (p > l);
  return k - 1;
}

describe('Poisson lower tail', () => {
  it('matches known values', () => {
    expect(poissonLowerTail(0, 2)).toBeCloseTo(Math.exp(-2), 12);
    expect(poissonLowerTail(2, 2)).toBeCloseTo(5 * Math.exp(-2), 12);
    expect(poissonLowerTail(3, 10)).toBeCloseTo(0.010336, 5);
    expect(poissonLowerTail(-1, 3)).toBe(0);
    expect(poissonLowerTail(5, 0)).toBe(1);
  });
});

describe('silent areas', () => {
  // Two counties × urban/rural; 40 villages each of 1,000–3,000 residents at 300 per 10k (urban) and 150 (rural).
  function world(plant: boolean) {
    const seed = { s: 42 };
    const areas = [];
    for (const county of ['A', 'B'])
      for (const type of ['urban', 'rural'])
        for (let i = 0; i < 40; i++) {
          const residents = 1000 + ((i * 37) % 2000);
          const rate = type === 'urban' ? 0.03 : 0.015;
          areas.push({
            code: `${county}${type}${i}`,
            group: `${county}|${type}`,
            residents,
            complaints: poisson(residents * rate, seed),
          });
        }
    if (plant) {
      // An urban village of 2,500 in county A where nobody reports (3 where ~75 are expected), and a
      // rural one of 2,000 in county B with 8 where ~30 are expected.
      areas.push({ code: 'silent-urban', group: 'A|urban', residents: 2500, complaints: 3 });
      areas.push({ code: 'silent-rural', group: 'B|rural', residents: 2000, complaints: 8 });
      // A rural village as quiet as rural villages are: compared with its own kind, not with towns.
      areas.push({ code: 'ordinary-rural', group: 'A|rural', residents: 2000, complaints: 29 });
    }
    return areas;
  }

  it('flags the planted silent villages against comparable areas, and nothing else', () => {
    const rows = findSilentAreas(world(true));
    expect(
      rows
        .filter((r) => r.silent)
        .map((r) => r.code)
        .sort(),
    ).toEqual(['silent-rural', 'silent-urban']);
    const urban = rows.find((r) => r.code === 'silent-urban')!;
    expect(urban.expected).toBeGreaterThan(60);
    expect(urban.q).toBeLessThan(1e-6);
    expect(rows.find((r) => r.code === 'ordinary-rural')!.silent).toBe(false);
  });

  it('stays silent on ordinary Poisson noise', () => {
    expect(findSilentAreas(world(false)).filter((r) => r.silent)).toEqual([]);
  });

  it('does not test tiny areas or areas without comparables', () => {
    const rows = findSilentAreas([
      { code: 'tiny', group: 'g', residents: 20, complaints: 0 },
      { code: 'big', group: 'g', residents: 5000, complaints: 100 },
      { code: 'alone', group: 'h', residents: 5000, complaints: 0 },
    ]);
    expect(rows.find((r) => r.code === 'tiny')!.p).toBeNull();
    expect(rows.find((r) => r.code === 'alone')!.p).toBeNull();
    expect(rows.every((r) => !r.silent)).toBe(true);
  });
});
