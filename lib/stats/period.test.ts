import { describe, expect, it } from 'vitest';
import { cstMonth, monthPeriod, monthsEndingWith, period, previousPeriod } from './period';

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
