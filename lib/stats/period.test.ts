import { describe, expect, it } from 'vitest';
import {
  comparisonPeriod,
  cstDayStart,
  cstMonth,
  isToDateComparison,
  monthPeriod,
  monthsEndingWith,
  period,
  previousPeriod,
  splitWholeMonths,
  wholeCstDays,
} from './period';

describe('periods in China Standard Time', () => {
  it('a month runs from 00:00 CST on the 1st to 24:00 CST on its last day', () => {
    const jan = monthPeriod('2026-01');
    expect(jan.start.toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(jan.end.toISOString()).toBe('2026-01-31T16:00:00.000Z');
    expect(monthPeriod('2024-02').to).toBe('2024-02-29');
  });
  it('23:30 CST on 31 January is January although it is 15:30 UTC', () => {
    const t = new Date('2026-01-31T15:30:00Z');
    expect(cstMonth(t)).toBe('2026-01');
    const jan = monthPeriod('2026-01');
    expect(t >= jan.start && t < jan.end).toBe(true);
    expect(cstMonth(new Date('2026-01-31T16:00:00Z'))).toBe('2026-02');
  });
  it('the previous period: whole months → the same number of months before; else the same number of days', () => {
    expect(previousPeriod(monthPeriod('2026-03'))).toMatchObject({ from: '2026-02-01', to: '2026-02-28' });
    expect(previousPeriod(period('2026-01-01', '2026-03-31'))).toMatchObject({
      from: '2025-10-01',
      to: '2025-12-31',
    });
    expect(previousPeriod(period('2026-03-10', '2026-03-16'))).toMatchObject({
      from: '2026-03-03',
      to: '2026-03-09',
    });
    expect(previousPeriod(period('2026-03-01', '2026-03-15'))).toMatchObject({
      from: '2026-02-14',
      to: '2026-02-28',
    });
  });
  it('rejects malformed or reversed periods', () => {
    expect(() => period('2026-02-30', '2026-03-01')).toThrow(RangeError);
    expect(() => period('2026-03-02', '2026-03-01')).toThrow(RangeError);
  });
  it('twelve months ending with a month, oldest first, across a year end', () => {
    expect(monthsEndingWith('2026-02', 12).map((p) => p.from.slice(0, 7))).toEqual([
      '2025-03',
      '2025-04',
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
  });
});

describe('splitWholeMonths', () => {
  it('cuts a custom range into whole CST months and the partial days around them', () => {
    const p = period('2026-01-15', '2026-04-14');
    const s = splitWholeMonths(p);
    expect(s.months).toEqual(['2026-02-01', '2026-03-01']);
    expect(s.block).toEqual({ start: cstDayStart('2026-02-01'), end: cstDayStart('2026-04-01') });
    expect(s.partial).toEqual([
      { start: p.start, end: cstDayStart('2026-02-01') },
      { start: cstDayStart('2026-04-01'), end: p.end },
    ]);
  });
  it('keeps whole months whole and days inside one month partial', () => {
    const whole = splitWholeMonths(period('2025-12-01', '2026-01-31'));
    expect(whole.months).toEqual(['2025-12-01', '2026-01-01']);
    expect(whole.partial).toEqual([]);
    const inside = splitWholeMonths(period('2026-03-02', '2026-03-30'));
    expect(inside.months).toEqual([]);
    expect(inside.block).toBeNull();
    expect(inside.partial).toHaveLength(1);
    const tail = splitWholeMonths(period('2026-03-01', '2026-04-02'));
    expect(tail.months).toEqual(['2026-03-01']);
    expect(tail.partial).toEqual([{ start: cstDayStart('2026-04-01'), end: cstDayStart('2026-04-03') }]);
  });
});

describe('wholeCstDays', () => {
  it('names the CST days of a span cut at midnight CST, and nothing for one that is not', () => {
    expect(wholeCstDays(period('2026-01-15', '2026-01-31'))).toEqual({
      from: '2026-01-15',
      to: '2026-02-01',
    });
    const p = period('2026-03-02', '2026-03-02');
    expect(wholeCstDays(p)).toEqual({ from: '2026-03-02', to: '2026-03-03' });
    expect(wholeCstDays({ start: p.start, end: new Date(p.end.getTime() - 1) })).toBeNull();
    expect(wholeCstDays({ start: new Date('2026-03-02T00:00:00Z'), end: p.end })).toBeNull();
  });

  it('a running period is compared with the same days of the previous one (上期同期), a finished one with the whole', () => {
    // 6 December 2026, 10:00 CST: December runs; compare 1–6 December with 1–6 November
    const now = new Date('2026-12-06T02:00:00Z');
    const dec = monthPeriod('2026-12');
    expect(comparisonPeriod(dec, now)).toMatchObject({ from: '2026-11-01', to: '2026-11-06' });
    expect(isToDateComparison(dec, comparisonPeriod(dec, now))).toBe(true);
    // 23:30 CST on 30 November is still November's last day: whole October
    expect(comparisonPeriod(monthPeriod('2026-11'), new Date('2026-11-30T15:30:00Z'))).toMatchObject({
      from: '2026-10-01',
      to: '2026-10-31',
    });
    // a finished month, and a month not begun: the whole previous month
    expect(comparisonPeriod(monthPeriod('2026-11'), now)).toMatchObject({
      from: '2026-10-01',
      to: '2026-10-31',
    });
    expect(comparisonPeriod(monthPeriod('2027-01'), now)).toMatchObject({
      from: '2026-12-01',
      to: '2026-12-31',
    });
    expect(isToDateComparison(monthPeriod('2026-11'), comparisonPeriod(monthPeriod('2026-11'), now))).toBe(
      false,
    );
    // 31 March to date against February: clamped to February's last day
    expect(comparisonPeriod(monthPeriod('2026-03'), new Date('2026-03-30T04:00:00Z'))).toMatchObject({
      from: '2026-02-01',
      to: '2026-02-28',
    });
    // a running custom range of 10 days, 3 elapsed: the 3 first days of the 10 before
    expect(comparisonPeriod(period('2026-12-04', '2026-12-13'), now)).toMatchObject({
      from: '2026-11-24',
      to: '2026-11-26',
    });
  });
});
