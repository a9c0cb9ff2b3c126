import { describe, expect, it } from 'vitest';
import { binPlanGaps, planBins } from './bin-plan';

const at = (d: string) => new Date(`${d}T00:00:00+08:00`);
const busy = { head: false, tail: false };
const empty = { head: true, tail: true };

describe('planBins', () => {
  it('reads whole months from bins only', () => {
    expect(planBins(at('2025-07-01'), at('2026-07-01'), busy)).toEqual({
      bins: { first: '2025-07-01', last: '2026-06-01' },
      raw: [],
    });
    expect(planBins(undefined, undefined, busy)).toEqual({ bins: { first: null, last: null }, raw: [] });
    expect(planBins(undefined, at('2026-03-01'), busy)).toEqual({
      bins: { first: null, last: '2026-02-01' },
      raw: [],
    });
  });

  it('reads the partial days at either end raw, in CST', () => {
    expect(planBins(at('2025-06-21'), undefined, busy)).toEqual({
      bins: { first: '2025-07-01', last: null },
      raw: [{ start: at('2025-06-21'), end: at('2025-07-01') }],
    });
    expect(planBins(at('2026-01-15'), at('2026-04-10'), busy)).toEqual({
      bins: { first: '2026-02-01', last: '2026-03-01' },
      raw: [
        { start: at('2026-01-15'), end: at('2026-02-01') },
        { start: at('2026-04-01'), end: at('2026-04-10') },
      ],
    });
    // 2026-03-01 00:00 CST is 2026-02-28 16:00 UTC: still a whole-month bound.
    expect(planBins(new Date('2026-02-28T16:00:00Z'), new Date('2026-03-31T16:00:00Z'), busy)).toEqual({
      bins: { first: '2026-03-01', last: '2026-03-01' },
      raw: [],
    });
  });

  it('reads a partial month whole when nothing lies in its part outside the period', () => {
    const now = new Date('2026-06-20T12:00:00+08:00');
    expect(binPlanGaps(at('2026-01-01'), now)).toEqual({
      head: null,
      tail: { start: now, end: at('2026-07-01') },
    });
    expect(planBins(at('2026-01-01'), now, { head: true, tail: true })).toEqual({
      bins: { first: '2026-01-01', last: '2026-06-01' },
      raw: [],
    });
    expect(planBins(at('2026-01-01'), now, { head: true, tail: false })).toEqual({
      bins: { first: '2026-01-01', last: '2026-05-01' },
      raw: [{ start: at('2026-06-01'), end: now }],
    });
  });

  it('reads one partial month raw unless both its gaps are empty', () => {
    expect(planBins(at('2026-03-05'), at('2026-03-25'), busy)).toEqual({
      bins: null,
      raw: [{ start: at('2026-03-05'), end: at('2026-03-25') }],
    });
    expect(planBins(at('2026-03-05'), at('2026-03-25'), { head: true, tail: false })).toEqual({
      bins: null,
      raw: [{ start: at('2026-03-05'), end: at('2026-03-25') }],
    });
    expect(planBins(at('2026-03-05'), at('2026-03-25'), empty)).toEqual({
      bins: { first: '2026-03-01', last: '2026-03-01' },
      raw: [],
    });
    expect(planBins(at('2026-03-15'), at('2026-04-01'), busy)).toEqual({
      bins: null,
      raw: [{ start: at('2026-03-15'), end: at('2026-04-01') }],
    });
  });
});
