/**
 * Every indicator of definitions.ts on the hand-built cases of testing/stats-fixture.ts. The
 * expected numbers are worked out by hand from that file (see the comment of each expectation).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@/db/client';
import { DONGQU, type WorkflowWorld, XIQU, XIQU_VILLAGE } from '@/lib/workflow/testing/fixture';
import { computeCategoryRanking } from './category-ranking.server';
import { computeIndicators } from './compute-indicators.server';
import type { IndicatorId } from './definitions';
import type { IndicatorValue } from './indicator-values';
import { listIndicatorComplaints } from './list-indicator-complaints.server';
import { computeMonthlyTrend } from './monthly-trend.server';
import { computeOfficeRanking } from './office-ranking.server';
import { errorCode, openStatsWorld, STATS_NOW, type StatsCases } from './testing/stats-fixture';

let handle: DbHandle;
let world: WorkflowWorld;
let cases: StatsCases;
const JAN = { from: '2026-01-01', to: '2026-01-31', now: STATS_NOW };

beforeAll(async () => {
  ({ handle, world, cases } = await openStatsWorld());
});
afterAll(async () => {
  await handle?.close();
});

function pick(list: IndicatorValue[], id: IndicatorId): IndicatorValue {
  const v = list.find((i) => i.id === id);
  if (!v) throw new Error(id);
  return v;
}

describe('computeIndicators, January 2026 in 西区 as its leader', () => {
  let list: IndicatorValue[];
  beforeAll(async () => {
    const r = await computeIndicators(handle.db, world.users.leader, JAN);
    list = r.indicators;
    expect(r.area.code).toBe(XIQU);
    // the previous period of a whole month is the previous calendar month
    expect([r.previous.from, r.previous.to]).toEqual(['2025-12-01', '2025-12-31']);
  });

  it('volume: A B D E F G H K L (B at 23:30 CST on 31 Jan, L at 00:00 CST on 1 Jan; merged E and rejected F count); December: C M', () => {
    const v = pick(list, 'volume');
    expect(v.value).toBe(9);
    expect(v.previous.value).toBe(2);
    expect(v.change).toEqual({ absolute: 7, relative: 3.5 });
  });

  it('resolved: A C K (K at 23:30 CST on 31 Jan; reopened D resolved again in February)', () => {
    expect(pick(list, 'resolved').value).toBe(3);
    expect(pick(list, 'resolved').previous.value).toBe(0);
  });

  it('satisfaction: ratings of A (satisfied), C (basically), D round 1 (unsatisfied); K’s at 00:30 CST 1 Feb is February; misconduct and 东区 excluded', () => {
    const v = pick(list, 'satisfaction');
    expect([v.numerator, v.denominator]).toEqual([2, 3]);
    expect(v.value).toBeCloseTo(66.6667, 3);
    expect(v.previous.value).toBeNull();
    expect(v.change).toBeNull();
  });

  it('on-time resolution: A and K on time, C late, escalated G open past its reset deadline', () => {
    const v = pick(list, 'on_time');
    expect([v.numerator, v.denominator, v.value]).toEqual([2, 4, 50]);
    expect(v.previous.denominator).toBe(0);
    expect(v.previous.value).toBeNull();
  });

  it('same-day dispatch: 5 of 7 (H’s first dispatch late even though returned; L never dispatched; merged E and rejected F out); December: C on time by its first dispatch event', () => {
    const v = pick(list, 'same_day_dispatch');
    expect([v.numerator, v.denominator]).toEqual([5, 7]);
    expect(v.value).toBeCloseTo(71.4286, 3);
    expect([v.previous.numerator, v.previous.denominator]).toEqual([1, 1]);
  });

  it('first reply on time: A D G K replied in time, H and L unanswered past the deadline', () => {
    const v = pick(list, 'first_reply');
    expect([v.numerator, v.denominator]).toEqual([4, 6]);
    expect(v.previous.value).toBe(100);
    expect(v.change?.absolute).toBeCloseTo(-33.3333, 3);
  });

  it('handling time: A 5 d, C 31 d, K 16 d 11.5 h', () => {
    const avg = pick(list, 'handling_avg');
    const med = pick(list, 'handling_median');
    expect(avg.numerator).toBe(3);
    expect(avg.value).toBeCloseTo((5 + 31 + 16 + 11.5 / 24) / 3, 6);
    expect(med.value).toBeCloseTo(16 + 11.5 / 24, 6);
    expect(avg.previous.value).toBeNull();
  });

  it('return rate: H of the 6 dispatched January cases; December: C', () => {
    const v = pick(list, 'return_rate');
    expect([v.numerator, v.denominator]).toEqual([1, 6]);
    expect(v.previous.value).toBe(100);
  });

  it('reopen rate: D of A D K (resolved at least once)', () => {
    const v = pick(list, 'reopen_rate');
    expect([v.numerator, v.denominator]).toEqual([1, 3]);
    expect([v.previous.numerator, v.previous.denominator]).toEqual([0, 1]);
  });

  it('spot checks: A passed, C failed, K pending (out), misconduct I out', () => {
    const v = pick(list, 'spot_check_pass');
    expect([v.numerator, v.denominator, v.value]).toEqual([1, 2, 50]);
  });

  it('overdue: C (resolved after its 16 Jan deadline) and G (open); merged E and rejected F out', () => {
    expect(pick(list, 'overdue').value).toBe(2);
  });

  it('letters: issued to C, G, H; answered C, G; misconduct I out', () => {
    expect(pick(list, 'letters_issued').value).toBe(3);
    const v = pick(list, 'letters_answered');
    expect([v.numerator, v.denominator]).toEqual([2, 3]);
  });
});

describe('scope', () => {
  it('an inspector (who may read misconduct reports) gets the same figures: misconduct is never counted', async () => {
    const a = await computeIndicators(handle.db, world.users.leader, JAN);
    const b = await computeIndicators(handle.db, world.users.inspector, JAN);
    expect(b.indicators).toEqual(a.indicators);
  });

  it('the village gives the same January figures (all cases sit in it)', async () => {
    const r = await computeIndicators(handle.db, world.users.leader, { ...JAN, areaCode: XIQU_VILLAGE });
    expect(r.area.level).toBe('village');
    expect(pick(r.indicators, 'volume').value).toBe(9);
  });

  it('an area outside the jurisdiction is NOT_FOUND; a handler or admin is FORBIDDEN; a bad period is VALIDATION', async () => {
    expect(
      await errorCode(computeIndicators(handle.db, world.users.leader, { ...JAN, areaCode: DONGQU })),
    ).toBe('NOT_FOUND');
    expect(await errorCode(computeIndicators(handle.db, world.users.handler, JAN))).toBe('FORBIDDEN');
    expect(await errorCode(computeIndicators(handle.db, world.users.admin, JAN))).toBe('FORBIDDEN');
    expect(
      await errorCode(computeIndicators(handle.db, world.users.leader, { ...JAN, from: '2026-02-01' })),
    ).toBe('VALIDATION');
  });

  it('a custom range compares with the same number of days just before', async () => {
    const r = await computeIndicators(handle.db, world.users.leader, {
      from: '2026-01-01',
      to: '2026-01-10',
      now: STATS_NOW,
    });
    expect([r.previous.from, r.previous.to]).toEqual(['2025-12-22', '2025-12-31']);
    // L D G A E F H (H on 10 Jan); previous: M (31 Dec 23:59:59 CST); C was on 20 Dec
    expect(pick(r.indicators, 'volume').value).toBe(7);
    expect(pick(r.indicators, 'volume').previous.value).toBe(1);
  });

  it('a month still running is compared with the same days of the previous month (上期同期)', async () => {
    // 10 January 2026, 12:00 CST: January to date against 1–10 December, which holds neither C (20 Dec)
    // nor M (31 Dec); the whole of December would hold both
    const r = await computeIndicators(handle.db, world.users.leader, {
      ...JAN,
      now: new Date('2026-01-10T04:00:00Z'),
    });
    expect([r.previous.from, r.previous.to]).toEqual(['2025-12-01', '2025-12-10']);
    expect(pick(r.indicators, 'volume').previous.value).toBe(0);
  });
});

describe('drill-down lists the cases behind each part', () => {
  const ids = async (indicator: IndicatorId, part: 'numerator' | 'denominator', extra = {}) =>
    (await listIndicatorComplaints(handle.db, world.users.leader, { ...JAN, indicator, part, ...extra })).rows
      .map((r) => r.id)
      .sort((a, b) => a - b);
  const sorted = (...xs: number[]) => xs.sort((a, b) => a - b);

  it('volume, on-time, dispatch, satisfaction, overdue, letters', async () => {
    const c = cases;
    expect(await ids('volume', 'numerator')).toEqual(sorted(c.A, c.B, c.D, c.E, c.F, c.G, c.H, c.K, c.L));
    expect(await ids('on_time', 'denominator')).toEqual(sorted(c.A, c.C, c.G, c.K));
    expect(await ids('on_time', 'numerator')).toEqual(sorted(c.A, c.K));
    expect(await ids('same_day_dispatch', 'numerator')).toEqual(sorted(c.A, c.B, c.D, c.G, c.K));
    expect(await ids('satisfaction', 'denominator')).toEqual(sorted(c.A, c.C, c.D));
    expect(await ids('overdue', 'numerator')).toEqual(sorted(c.C, c.G));
    expect(await ids('letters_answered', 'denominator')).toEqual(sorted(c.C, c.G, c.H));
    expect(await ids('volume', 'numerator', { officeId: world.offices.health })).toEqual(
      sorted(c.A, c.D, c.G, c.K),
    );
    expect(await ids('volume', 'numerator', { category: 'SL' })).toEqual([c.H]);
    expect(await ids('volume', 'numerator', { category: '' })).toEqual([c.L]);
  });

  it('a count has no denominator list', async () => {
    expect(
      await errorCode(
        listIndicatorComplaints(handle.db, world.users.leader, {
          ...JAN,
          indicator: 'volume',
          part: 'denominator',
        }),
      ),
    ).toBe('VALIDATION');
  });
});

describe('rankings and trend', () => {
  it('offices: health (A D G K), water (C), town government (H), by on-time rate, no data last', async () => {
    const r = await computeOfficeRanking(handle.db, world.users.leader, JAN);
    expect(r.rows.map((o) => o.officeId)).toEqual([
      world.offices.health,
      world.offices.water,
      world.offices.townGov,
    ]);
    const [health, water, town] = r.rows;
    expect(health).toMatchObject({
      rank: 1,
      volume: 4,
      resolved: 2,
      firstReplyRate: 100,
      satisfactionRate: 50,
      overdue: 1,
      lettersIssued: 1,
    });
    expect(health!.onTimeRate).toBeCloseTo(66.6667, 3);
    expect(water).toMatchObject({
      volume: 0,
      resolved: 1,
      onTimeRate: 0,
      firstReplyRate: null,
      satisfactionRate: 100,
      overdue: 1,
    });
    expect(town).toMatchObject({ volume: 1, onTimeRate: null, firstReplyRate: 0, lettersIssued: 1 });
  });

  it('categories: 卫健 7 of 9, then uncategorised and 水利 with 1 each; December 卫健 2', async () => {
    const r = await computeCategoryRanking(handle.db, world.users.leader, JAN);
    expect(r.total).toBe(9);
    expect(r.rows.map((c) => [c.code, c.count, c.previousCount])).toEqual([
      ['WJ', 7, 2],
      ['', 1, 0],
      ['SL', 1, 0],
    ]);
    expect(r.rows[0]!.share).toBeCloseTo(77.7778, 3);
    expect(r.rows[0]!.nameZh).toBe('卫健');
  });

  it('trend: December, January, February month by month', async () => {
    const t = await computeMonthlyTrend(handle.db, world.users.leader, {
      lastMonth: '2026-02',
      count: 3,
      now: STATS_NOW,
    });
    expect(t.months).toEqual(['2025-12', '2026-01', '2026-02']);
    expect(t.series.volume.map((f) => f.value)).toEqual([2, 9, 0]);
    expect(t.series.resolved.map((f) => f.value)).toEqual([0, 3, 1]);
    // February: D round 2 satisfied, K basically satisfied
    expect(t.series.satisfaction.map((f) => f.value?.toFixed(2) ?? null)).toEqual([null, '66.67', '100.00']);
    // the trend (one pass per placing date) and the cards (one pass with FILTERs) agree on every figure
    const cards = await computeIndicators(handle.db, world.users.leader, JAN);
    for (const i of cards.indicators) {
      const { value, numerator, denominator } = t.series[i.id][1]!;
      expect({ id: i.id, value, numerator, denominator }).toEqual({
        id: i.id,
        value: i.value,
        numerator: i.numerator,
        denominator: i.denominator,
      });
    }
  });
});
