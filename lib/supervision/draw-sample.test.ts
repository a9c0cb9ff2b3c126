import { describe, expect, it } from 'vitest';
import { currentMonth, drawSample, drawSeed, previousMonth, sampleSize } from './draw-sample';
import { letterCode, letterReason, letterYear } from './letter-template';

describe('drawSample', () => {
  const ids = Array.from({ length: 200 }, (_, i) => 1000 + i * 7);

  it('is reproducible and independent of the order of the population', () => {
    const seed = drawSeed('2026-02', 12);
    const a = drawSample(ids, 0.05, seed);
    const b = drawSample([...ids].reverse(), 0.05, seed);
    expect(a).toHaveLength(10);
    expect(b).toEqual(a);
    expect(drawSample(ids, 0.05, drawSeed('2026-03', 12))).not.toEqual(a);
    expect(drawSample(ids, 0.05, drawSeed('2026-02', 13))).not.toEqual(a);
  });

  it('draws at least one and never more than there is', () => {
    expect(sampleSize(0, 0.05)).toBe(0);
    expect(sampleSize(1, 0.05)).toBe(1);
    expect(sampleSize(30, 0.05)).toBe(2);
    expect(sampleSize(3, 1)).toBe(3);
    expect(drawSample([5], 0.05, 's')).toEqual([5]);
  });

  it('months in China Standard Time', () => {
    expect(previousMonth(new Date('2026-01-01T00:30:00+08:00'))).toBe('2025-12');
    expect(currentMonth(new Date('2026-03-31T17:00:00Z'))).toBe('2026-04');
  });
});

describe('letter template', () => {
  it('numbers and words the letter from the case', () => {
    expect(letterCode(2026, 123)).toBe('DB2026000123');
    expect(letterYear(new Date('2025-12-31T16:30:00Z'))).toBe(2026);
    const text = letterReason(
      {
        trackingCode: 'ABCD2345',
        title: '小区停水三天',
        submittedAt: new Date('2026-03-02T02:00:00Z'),
        officeName: '西区水利局',
        resolveDueAt: new Date('2026-03-20T16:00:00Z'),
        firstReplyDueAt: new Date('2026-03-09T16:00:00Z'),
        firstRepliedAt: new Date('2026-03-05T02:00:00Z'),
        dueAt: new Date('2026-04-15T16:00:00Z'),
        responseDays: 3,
      },
      new Date('2026-04-10T03:00:00Z'),
    );
    expect(text).toContain('2026年3月2日群众反映的诉求“小区停水三天”（受理编号ABCD2345）');
    expect(text).toContain('已超过办结时限（2026年3月20日）');
    expect(text).not.toContain('首次答复');
    expect(text).toContain('于2026年4月15日前（3个工作日内）');
  });
});
