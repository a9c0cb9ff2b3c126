import { describe, expect, it } from 'vitest';
import { hotspotQuery } from '@/lib/hotspots/hotspot-params';
import { listRequestsQuery } from '@/lib/open311/open311-request';
import { periodQuery } from '@/lib/stats/api-params';
import { assertPeriod, boundDay, isDateValue, periodEnd, periodStart, wholeMonths } from './date-range';

describe('one date grammar', () => {
  it('reads a day or a month as the days it bounds, in Asia/Shanghai, both ends inclusive', () => {
    expect(boundDay('2026-02', 'from')).toBe('2026-02-01');
    expect(boundDay('2026-02', 'to')).toBe('2026-02-28');
    expect(boundDay('2024-02', 'to')).toBe('2024-02-29');
    expect(boundDay('2026-03-08', 'to')).toBe('2026-03-08');
    expect(periodStart('2026-01').toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(periodEnd('2026-01').toISOString()).toBe('2026-01-31T16:00:00.000Z');
    expect(periodEnd('2026-01-31').toISOString()).toBe('2026-01-31T16:00:00.000Z');
  });

  it('refuses anything else', () => {
    for (const bad of [
      '2026-13',
      '2026-02-30',
      '2026-1-5',
      '20260105',
      '2026-01-01T00:00:00Z',
      'yesterday',
      '',
      '2026',
    ])
      expect(isDateValue(bad), bad).toBe(false);
    expect(() => assertPeriod('2015-01-01x', null)).toThrow(/from must be YYYY-MM-DD or YYYY-MM/);
    expect(() => assertPeriod('2026-02', '2026-01')).toThrow(/from must not be after to/);
    expect(() => assertPeriod('', '')).not.toThrow();
    expect(() => assertPeriod('2026-01', '2026-01-31')).not.toThrow();
  });

  it('knows when monthly rollups can answer a period exactly', () => {
    expect(wholeMonths(null, null)).toBe(true);
    expect(wholeMonths('2026-01', '2026-03')).toBe(true);
    expect(wholeMonths('2026-01-01', '2026-02-28')).toBe(true);
    expect(wholeMonths('2026-01-02', null)).toBe(false);
    expect(wholeMonths(null, '2026-02-27')).toBe(false);
  });

  it('means the same period on every API that takes one', () => {
    // Hot spots: `to` is exclusive after its last day.
    const h = hotspotQuery.parse({ from: '2026-01', to: '2026-01' });
    expect([h.from?.toISOString(), h.to?.toISOString()]).toEqual([
      '2025-12-31T16:00:00.000Z',
      '2026-01-31T16:00:00.000Z',
    ]);
    expect(hotspotQuery.safeParse({ from: '2026-01-01T00:00:00Z' }).success).toBe(false);
    // Statistics: the days a month bounds; one end without the other is an error, not ignored.
    expect(periodQuery.parse({ from: '2026-01', to: '2026-02' })).toMatchObject({
      from: '2026-01-01',
      to: '2026-02-28',
    });
    expect(periodQuery.safeParse({ from: '2026-01-01' }).success).toBe(false);
    expect(periodQuery.safeParse({ from: '2026-02-01', to: '2026-01-31' }).success).toBe(false);
    // Open311: the spec's date-time, or the same grammar.
    const o = listRequestsQuery.parse({ start_date: '2026-01', end_date: '2026-01-31' });
    expect(o.start_date?.toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(o.end_date?.toISOString()).toBe('2026-01-31T15:59:59.999Z');
    expect(
      listRequestsQuery.parse({ start_date: '2026-01-05T08:00:00+08:00' }).start_date?.toISOString(),
    ).toBe('2026-01-05T00:00:00.000Z');
    const bad = listRequestsQuery.safeParse({ start_date: '5 Jan 2026' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['start_date']);
  });
});
