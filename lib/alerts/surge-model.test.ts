/**
 * The surge model on a simulated city shaped like Panzhihua (5 counties, 49 towns, 336 villages,
 * 14 level-1 categories with the demo city's weights, village sizes spread like real ones, rural
 * villages with more farming and water complaints, weekday effects): ordinary days must alert at
 * most at the stated false-alarm rate, planted bursts must be found where they are planted.
 */
import { describe, expect, it } from 'vitest';
import { seededRandom } from '@/lib/triage/random';
import {
  type AreaNode,
  evaluateSurges,
  type PlaceCount,
  type RecentCount,
  SURGE_DEFAULTS,
  type SurgeInput,
} from './surge-model';

const rng = seededRandom;

function poisson(lambda: number, u: () => number): number {
  if (lambda <= 0) return 0;
  if (lambda > 50) {
    // Normal approximation for large means (only the city's totals get there).
    const z = Math.sqrt(-2 * Math.log(u() || 1e-12)) * Math.cos(2 * Math.PI * u());
    return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * z));
  }
  const l = Math.exp(-lambda);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= u();
  } while (p > l);
  return k - 1;
}

const CATEGORY_WEIGHTS: Record<string, number> = {
  ZJ: 9,
  SL: 8,
  WJ: 7,
  WY: 10,
  AQ: 6,
  SC: 6,
  SD: 9,
  JT: 8,
  HB: 6,
  JY: 5,
  MZ: 6,
  CG: 8,
  NY: 5,
  QT: 3,
};
const CATEGORIES = Object.keys(CATEGORY_WEIGHTS);
/** Monday … Sunday: fewer complaints at weekends. */
const WEEKDAY = [1.15, 1.1, 1.05, 1.05, 1.0, 0.85, 0.8];

interface Village {
  code: string;
  town: string;
  county: string;
  /** Expected complaints a day per category. */
  rates: Record<string, number>;
}

/** A city whose complaints average `perDay` a day. */
function simulatedCity(perDay: number, seed: number) {
  const u = rng(seed);
  const areas: AreaNode[] = [{ code: 'city', level: 'city', parentCode: null }];
  const villages: Village[] = [];
  const townsPerCounty = [10, 10, 10, 10, 9];
  let v = 0;
  townsPerCounty.forEach((towns, ci) => {
    const county = `c${ci}`;
    areas.push({ code: county, level: 'county', parentCode: 'city' });
    for (let t = 0; t < towns; t++) {
      const town = `${county}t${t}`;
      areas.push({ code: town, level: 'town', parentCode: county });
      const rural = u() < 0.5;
      const nv = t < 6 ? 7 : 6;
      for (let k = 0; k < nv && v < 336; k++, v++) {
        const code = `${town}v${k}`;
        areas.push({ code, level: 'village', parentCode: town });
        // Lognormal sizes (σ 0.8), category mix tilted by urban/rural and a village's own taste.
        const size = Math.exp(0.8 * Math.sqrt(-2 * Math.log(u() || 1e-12)) * Math.cos(2 * Math.PI * u()));
        const rates: Record<string, number> = {};
        for (const c of CATEGORIES) {
          const tilt = rural ? (({ NY: 3, SL: 2, WY: 0.2 } as Record<string, number>)[c] ?? 1) : 1;
          rates[c] = size * CATEGORY_WEIGHTS[c]! * tilt * (0.6 + 0.8 * u());
        }
        villages.push({ code, town, county, rates });
      }
    }
  });
  const total = villages.reduce((s, x) => s + Object.values(x.rates).reduce((a, b) => a + b, 0), 0);
  for (const x of villages) for (const c of CATEGORIES) x.rates[c] = (x.rates[c]! * perDay) / total;
  return { areas, villages };
}

/** One ordinary day's input: 84 baseline days (12 of each weekday) and the last 7 days, all Poisson. */
function ordinaryDay(
  city: ReturnType<typeof simulatedCity>,
  u: () => number,
  todayWeekday: number,
): SurgeInput {
  const baseline: PlaceCount[] = [];
  const recent: RecentCount[] = [];
  const weekdayTotals = [0, 0, 0, 0, 0, 0, 0];
  let lastFourWeeksTotal = 0;
  for (const v of city.villages) {
    for (const c of CATEGORIES) {
      const lambda = v.rates[c]!;
      let n = 0;
      for (let k = 0; k < 7; k++) {
        const nk = poisson(12 * lambda * WEEKDAY[k]!, u);
        weekdayTotals[k]! += nk;
        n += nk;
      }
      lastFourWeeksTotal += (n * 28) / 84;
      if (n > 0)
        baseline.push({ countyCode: v.county, townCode: v.town, villageCode: v.code, category: c, n });
      for (let d = 0; d < 7; d++) {
        const x = poisson(lambda * WEEKDAY[(((todayWeekday - d) % 7) + 7) % 7]!, u);
        if (x > 0)
          recent.push({
            countyCode: v.county,
            townCode: v.town,
            villageCode: v.code,
            category: c,
            n: x,
            daysAgo: d,
          });
      }
    }
  }
  return {
    areas: city.areas,
    categories: CATEGORIES,
    baseline,
    weekdayTotals,
    lastFourWeeksTotal,
    recent,
    todayWeekday,
  };
}

describe('ordinary days alert at most at the stated false-alarm rate', () => {
  it.each([
    ['the demo city (16 a day)', 16, 150],
    ['a busy city (300 a day)', 300, 40],
  ])('%s', (_name, perDay, days) => {
    const city = simulatedCity(perDay, 7);
    const u = rng(11);
    let tests = 0;
    let alerts = 0;
    let daysWithAlert = 0;
    for (let d = 0; d < days; d++) {
      const r = evaluateSurges(ordinaryDay(city, u, d % 7));
      tests += r.tests;
      alerts += r.alerts.length;
      if (r.alerts.length > 0) daysWithAlert++;
    }
    const rate = alerts / tests;
    console.info(
      `${_name}: ${alerts} alerts in ${tests} series-window tests over ${days} days = ${rate.toExponential(2)} per test; ${(alerts / days).toFixed(2)} per day city-wide; ${daysWithAlert} days with any alert`,
    );
    expect(rate).toBeLessThanOrEqual(SURGE_DEFAULTS.alpha);
  });
});

describe('planted bursts are found where they are planted', () => {
  const city = simulatedCity(16, 3);
  const target = city.villages[200]!;

  it('finds a 6-complaint burst today in one village and category, and says it once', () => {
    const u = rng(5);
    const input = ordinaryDay(city, u, 2);
    const planted: RecentCount = {
      countyCode: target.county,
      townCode: target.town,
      villageCode: target.code,
      category: 'SD',
      n: 6,
      daysAgo: 0,
    };
    const r = evaluateSurges({ ...input, recent: [...input.recent, planted] });
    const hit = r.alerts.find((a) => a.areaCode === target.code && a.category === 'SD');
    expect(hit).toMatchObject({ window: 'day', level: 'village' });
    expect(hit!.observed).toBeGreaterThanOrEqual(6);
    expect(hit!.expected).toBeLessThan(0.5);
    expect(hit!.observed).toBeGreaterThan(hit!.upperLimit);
    // The town and county of the village are explained by it: no second and third alert.
    expect(
      r.alerts.filter((a) => a.category === 'SD' && [target.town, target.county].includes(a.areaCode)),
    ).toEqual([]);
  });

  it('finds a burst spread over the week (2 a day for 4 days) as a weekly alert', () => {
    const u = rng(6);
    const input = ordinaryDay(city, u, 4);
    const planted: RecentCount[] = [1, 2, 3, 4].map((d) => ({
      countyCode: target.county,
      townCode: target.town,
      villageCode: target.code,
      category: 'SL',
      n: 2,
      daysAgo: d,
    }));
    const r = evaluateSurges({ ...input, recent: [...input.recent, ...planted] });
    expect(r.alerts.find((a) => a.areaCode === target.code && a.category === 'SL')).toMatchObject({
      window: 'week',
    });
  });

  it('does not alert on two complaints in a village with no history (minimum count)', () => {
    const u = rng(8);
    const input = ordinaryDay(city, u, 1);
    const quiet = city.villages.find((v) => v.rates.HB! < 0.001) ?? city.villages[0]!;
    const r = evaluateSurges({
      ...input,
      baseline: input.baseline.filter((b) => b.villageCode !== quiet.code),
      recent: [
        ...input.recent.filter((b) => b.villageCode !== quiet.code),
        {
          countyCode: quiet.county,
          townCode: quiet.town,
          villageCode: quiet.code,
          category: 'HB',
          n: 2,
          daysAgo: 0,
        },
      ],
    });
    expect(r.alerts.find((a) => a.areaCode === quiet.code)).toBeUndefined();
  });

  it('raises the town, not the villages, when a category rises a little in every village of it', () => {
    const u = rng(9);
    const input = ordinaryDay(city, u, 3);
    const town = target.town;
    const extra: RecentCount[] = city.villages
      .filter((v) => v.town === town)
      .map((v) => ({
        countyCode: v.county,
        townCode: v.town,
        villageCode: v.code,
        category: 'JT',
        n: 2,
        daysAgo: 0,
      }));
    const r = evaluateSurges({ ...input, recent: [...input.recent, ...extra] });
    expect(r.alerts.find((a) => a.areaCode === town && a.category === 'JT')).toMatchObject({ level: 'town' });
  });
});
