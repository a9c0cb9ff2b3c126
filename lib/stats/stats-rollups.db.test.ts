/**
 * The statistics rollups answer exactly as the complaints do, on a small demo city (with its
 * ratings, letters and spot checks): for every area level (city, each county, busy towns and
 * villages), for a city and a county leader, for every kind of period the dashboard offers (one
 * month with the previous, 12 months with the previous 12, the 12-month trend, custom ranges with
 * partial months, ranges running past "now" and into the future) and each grouping (none, office,
 * category); and the panels built on them (dashboard, assessment) come out the same. The trigger-kept
 * tables, monthly and daily, also equal the same rollups computed afresh, and the partial days of a
 * custom range are read from the daily tables (a changed daily row shows; whole months do not read it).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { getStatsArea, type StatsArea, type StatsGroupBy } from '@/db/queries/stats';
import { defaultSeedOptions, seedDemoCity } from '@/db/seed';
import { queryRows } from '@/db/sql';
import { createTestDb } from '@/db/testing/test-db';
import type { AuthUser, DivisionLevel } from '@/lib/auth/types';
import { aggregateStats } from './aggregate-stats.server';
import { computeAssessment } from './assessment.server';
import { getStatsDashboard } from './get-stats-dashboard.server';
import { monthPeriod, monthsEndingWith, type Period, period, previousPeriod } from './period';
import { statsDifferences } from './testing/compare-stats';
import { rollupDrift } from './testing/rollup-drift';

let handle: DbHandle;
const now = new Date('2026-11-20T10:00:00+08:00');
const CITY = '510400000000';

const leader = (code: string, level: DivisionLevel): AuthUser => ({
  id: 1,
  username: 'l',
  displayName: 'l',
  role: 'leader',
  jurisdiction: { kind: 'division', divisionCode: code, divisionLevel: level },
  jurisdictionName: null,
});

const withPrevious = (p: Period) => [p, previousPeriod(p)];
const PERIODS: [string, Period[]][] = [
  ['October with September', withPrevious(monthPeriod('2026-10'))],
  ['November (now inside) with October', withPrevious(monthPeriod('2026-11'))],
  ['12 months with the previous 12', withPrevious(period('2025-11-01', '2026-10-31'))],
  ['the 12-month trend', monthsEndingWith('2026-11', 12)],
  ['custom 15 June – 14 September', withPrevious(period('2026-06-15', '2026-09-14'))],
  ['custom days inside November, past now', withPrevious(period('2026-11-03', '2026-11-25'))],
  [
    'December and January (the future) with the two months before',
    withPrevious(period('2026-12-01', '2027-01-31')),
  ],
  ['custom 10 October – 5 December', [period('2026-10-10', '2026-12-05')]],
  ['custom 3–27 August (no whole month)', withPrevious(period('2026-08-03', '2026-08-27'))],
  ['custom 1 August – 20 September', withPrevious(period('2026-08-01', '2026-09-20'))],
];

let areas: StatsArea[] = [];

beforeAll(async () => {
  handle = await createTestDb();
  await seedDemoCity(handle.db, defaultSeedOptions({ scale: 0.01, complaints: 2500, now, log: () => {} }));
  const busiest = (column: string) =>
    queryRows<{ code: string }>(
      handle.db,
      sql`select ${sql.raw(column)} as code from complaints where ${sql.raw(column)} is not null
          group by 1 order by count(*) desc limit 2`,
    );
  const codes = [
    CITY,
    ...(
      await queryRows<{ code: string }>(
        handle.db,
        sql`select code from divisions where parent_code = ${CITY} order by code`,
      )
    ).map((r) => r.code),
    ...(await busiest('town_code')).map((r) => r.code),
    ...(await busiest('village_code')).map((r) => r.code),
  ];
  areas = [];
  for (const code of codes) areas.push((await getStatsArea(handle.db, code))!);
}, 900_000);
afterAll(async () => {
  await handle?.close();
});

async function differences(viewer: AuthUser, area: StatsArea, periods: Period[], groupBy: StatsGroupBy) {
  const params = { viewer, area, periods, now, groupBy };
  const rollup = await aggregateStats(handle.db, { ...params, source: 'rollup' });
  const raw = await aggregateStats(handle.db, { ...params, source: 'raw' });
  return statsDifferences(rollup, raw, periods.length);
}

describe('the statistics rollups on the demo city', () => {
  it('hold the demo city with ratings, letters and checks, and equal the rollups computed afresh', async () => {
    const [row] = await queryRows<{ v: number; r: number; l: number; k: number }>(
      handle.db,
      sql`select sum(volume)::int as v, sum(rating_den)::int as r, sum(letters_issued)::int as l, sum(checks_done)::int as k
          from complaint_stats_rollups where area_code = ${CITY}`,
    );
    expect(row!.v).toBeGreaterThan(2000);
    expect(row!.r).toBeGreaterThan(0);
    expect(row!.l + row!.k).toBeGreaterThan(0);
    expect(await rollupDrift(handle.db)).toEqual([]);
  });

  it('answer as the complaints for every area level and period, as the city leader', async () => {
    const found: string[] = [];
    for (const area of areas) {
      for (const [name, periods] of PERIODS) {
        for (const d of await differences(leader(CITY, 'city'), area, periods, 'none')) {
          found.push(`${area.level} ${area.code}, ${name}: ${d}`);
        }
      }
    }
    expect(found).toEqual([]);
  }, 300_000);

  it('answer as the complaints grouped by office and by category (rankings, assessment)', async () => {
    const found: string[] = [];
    for (const area of areas.filter((a) => a.level === 'city' || a.level === 'town')) {
      for (const [name, periods] of [...PERIODS.slice(0, 5), ...PERIODS.slice(-2)]) {
        for (const groupBy of ['office', 'category'] as const) {
          for (const d of await differences(leader(CITY, 'city'), area, periods, groupBy)) {
            found.push(`${area.code} by ${groupBy}, ${name}: ${d}`);
          }
        }
      }
    }
    expect(found).toEqual([]);
  }, 300_000);

  it("answer as the complaints for a county leader inside the county's towns and villages", async () => {
    const found: string[] = [];
    for (const area of areas.filter((a) => a.level === 'town' || a.level === 'village')) {
      const county = area.lineage.find((c) => c.endsWith('000000') && c !== CITY && !c.endsWith('00000000'))!;
      const viewer = leader(county, 'county');
      for (const [name, periods] of PERIODS.slice(0, 3)) {
        for (const d of await differences(viewer, area, periods, 'none'))
          found.push(`${area.code}, ${name}: ${d}`);
      }
    }
    expect(found).toEqual([]);
  }, 300_000);

  it('build the same dashboard and assessment as the complaints', async () => {
    const viewer = leader(CITY, 'city');
    for (const state of [
      { area: null, month: '2026-10', from: '2026-10-01', to: '2026-10-31' },
      {
        area: areas.find((a) => a.level === 'town')!.code,
        month: null,
        from: '2026-08-20',
        to: '2026-11-10',
      },
    ]) {
      const a = await getStatsDashboard(handle.db, viewer, state, now, 'rollup');
      const b = await getStatsDashboard(handle.db, viewer, state, now, 'raw');
      const noMedian = (d: typeof a) =>
        JSON.parse(
          JSON.stringify(d, (k, v) =>
            k === 'handlingMedianDays' ? undefined : typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v,
          ),
        );
      // medians apart (within the hour); everything else equal
      const med = (d: typeof a) => d.indicators.indicators.find((i) => i.id === 'handling_median')!;
      expect(Math.abs((med(a).value ?? 0) - (med(b).value ?? 0))).toBeLessThan(1 / 24);
      const strip = (d: typeof a) => {
        const x = noMedian(d);
        x.indicators.indicators = x.indicators.indicators.filter(
          (i: { id: string }) => i.id !== 'handling_median',
        );
        delete x.trend.series.handling_median;
        return x;
      };
      expect(strip(a)).toEqual(strip(b));
      expect(a.indicators.indicators.find((i) => i.id === 'volume')!.numerator).toBeGreaterThan(0);
    }
    const ra = await computeAssessment(handle.db, viewer, { month: '2026-10', now, source: 'rollup' });
    const rb = await computeAssessment(handle.db, viewer, { month: '2026-10', now, source: 'raw' });
    expect(ra).toEqual(rb);
    expect(ra.offices.length).toBeGreaterThan(0);
  }, 300_000);

  it('read the partial days of a custom range from the daily rollups, whole months from the monthly', async () => {
    const viewer = leader(CITY, 'city');
    const custom = withPrevious(period('2026-06-15', '2026-09-14'));
    const inside = [period('2026-08-03', '2026-08-27')];
    const months = withPrevious(monthPeriod('2026-07'));
    const county = areas.find((a) => a.level === 'county')!;
    const village = areas.find((a) => a.level === 'village')!;
    const volume = async (area: StatsArea, periods: Period[], groupBy: StatsGroupBy = 'none') =>
      (await aggregateStats(handle.db, { viewer, area, periods, now, groupBy, source: 'rollup' })).get(
        groupBy === 'none' ? '' : 'ZZ',
      )?.[0]?.volume ?? 0;
    const median = async (area: StatsArea, periods: Period[]) =>
      (
        await aggregateStats(handle.db, { viewer, area, periods, now, groupBy: 'none', source: 'rollup' })
      ).get('')![0]!.handlingMedianDays;
    const before = {
      custom: await volume(county, custom),
      inside: await volume(county, inside),
      months: await volume(county, months),
      village: await volume(village, custom),
      median: await median(county, inside),
    };
    expect(before.custom).toBeGreaterThan(0);
    // A row only the daily tables hold: 3 cases of category 'ZZ' on 20 June and 10 August, and 10,000
    // resolved in 1,000 hours on 10 August.
    for (const code of [county.code, village.code]) {
      await handle.db.execute(
        sql`insert into complaint_stats_daily (area_code, day, office_id, category, volume)
            values (${code}, '2026-06-20', 0, 'ZZ', 3), (${code}, '2026-08-10', 0, 'ZZ', 3)`,
      );
      await handle.db.execute(
        sql`insert into complaint_stats_daily_durations (area_code, day, hour, n, seconds)
            values (${code}, '2026-08-10', 1000, 10000, 36000000000)`,
      );
    }
    try {
      expect(await volume(county, custom)).toBe(before.custom + 3);
      expect(await volume(county, custom, 'category')).toBe(3);
      expect(await volume(county, inside)).toBe(before.inside + 3);
      expect(await median(county, inside)).toBeGreaterThan(40);
      expect(before.median).toBeLessThan(40);
      // whole months and villages (no daily rollups: raw partial days) do not read the daily tables
      expect(await volume(county, months)).toBe(before.months);
      expect(await volume(village, custom)).toBe(before.village);
    } finally {
      await handle.db.execute(sql`delete from complaint_stats_daily where category = 'ZZ'`);
      await handle.db.execute(
        sql`delete from complaint_stats_daily_durations where hour = 1000 and n = 10000`,
      );
    }
    expect(await rollupDrift(handle.db)).toEqual([]);
  }, 300_000);
});
