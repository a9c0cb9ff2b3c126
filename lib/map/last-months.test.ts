import { describe, expect, it } from 'vitest';
import { lastMonths } from './last-months';

describe('lastMonths', () => {
  it('counts calendar months in Asia/Shanghai, across a year', () => {
    // 2026-02-28 20:00 UTC is already 1 March in Shanghai.
    const { months, from } = lastMonths(new Date('2026-02-28T20:00:00Z'));
    expect(months).toHaveLength(12);
    expect(months[0]).toBe('2025-04');
    expect(months[11]).toBe('2026-03');
    expect(from.toISOString()).toBe('2025-03-31T16:00:00.000Z');
    expect(lastMonths(new Date('2026-01-15T00:00:00+08:00'), 3).months).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
    ]);
  });
});
