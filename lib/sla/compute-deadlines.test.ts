import { describe, expect, it } from 'vitest';
import {
  addDays,
  computeDeadlines,
  cstDate,
  type DeadlinePolicy,
  isWorkday,
  pickPolicy,
  type WorkCalendar,
} from './compute-deadlines';

// 2025 National Day: 1–8 October off, Sunday 28 September and Saturday 11 October worked (调休).
const calendar: WorkCalendar = {
  holidays: new Set(['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08']),
  workdays: new Set(['2025-09-28', '2025-10-11']),
};
const cst = (s: string) => new Date(`${s}+08:00`);

describe('working days', () => {
  it('knows weekends, holidays and 调休 workdays', () => {
    expect(isWorkday('2025-09-27', calendar)).toBe(false); // Saturday
    expect(isWorkday('2025-09-28', calendar)).toBe(true); // Sunday worked
    expect(isWorkday('2025-10-01', calendar)).toBe(false);
    expect(isWorkday('2025-10-09', calendar)).toBe(true);
  });
  it('reads dates in China Standard Time', () => {
    expect(cstDate(new Date('2025-09-30T17:00:00Z'))).toBe('2025-10-01');
  });
  it('counts 5 working days across the National Day holiday', () => {
    // Arrives Tuesday 30 September 10:00; working days after: 9, 10, 11 (Sat, worked), 13, 14 October.
    expect(addDays(cst('2025-09-30T10:00:00'), 5, true, calendar)).toEqual(cst('2025-10-15T00:00:00'));
    // Calendar days: 1…5 October → ends 24:00 on 5 October.
    expect(addDays(cst('2025-09-30T10:00:00'), 5, false, calendar)).toEqual(cst('2025-10-06T00:00:00'));
  });
  it('does not count the arrival day, even late at night', () => {
    expect(addDays(cst('2025-09-29T23:59:00'), 1, true, calendar)).toEqual(cst('2025-10-01T00:00:00'));
    expect(addDays(cst('2025-09-29T00:01:00'), 0, true, calendar)).toEqual(cst('2025-09-30T00:00:00'));
  });
  it('refuses negative or fractional limits', () => {
    expect(() => addDays(new Date(), -1, true, calendar)).toThrow(RangeError);
    expect(() => addDays(new Date(), 1.5, true, calendar)).toThrow(RangeError);
  });
});

describe('policies', () => {
  const base: DeadlinePolicy = {
    categoryCode: null,
    tier: null,
    urgencyCode: null,
    dispatchHours: 24,
    firstReplyDays: 5,
    resolveDays: 15,
    workingDays: true,
  };
  const policies: DeadlinePolicy[] = [
    base,
    { ...base, categoryCode: 'SL', resolveDays: 10 },
    { ...base, categoryCode: 'SL', tier: 'village', resolveDays: 7 },
    {
      ...base,
      urgencyCode: 'extra_urgent',
      dispatchHours: 2,
      firstReplyDays: 1,
      resolveDays: 1,
      workingDays: false,
    },
  ];
  it('picks the most specific match, urgency first', () => {
    const subject = {
      categoryCode: 'SL01',
      parentCategoryCode: 'SL',
      tier: 'village',
      urgencyCode: 'normal',
    };
    expect(pickPolicy(policies, subject)?.resolveDays).toBe(7);
    expect(pickPolicy(policies, { ...subject, tier: 'county' })?.resolveDays).toBe(10);
    expect(
      pickPolicy(policies, { ...subject, categoryCode: 'WY01', parentCategoryCode: 'WY' })?.resolveDays,
    ).toBe(15);
    expect(pickPolicy(policies, { ...subject, urgencyCode: 'extra_urgent' })?.dispatchHours).toBe(2);
  });
  it('computes all three deadlines', () => {
    const d = computeDeadlines(cst('2025-09-30T10:00:00'), base, calendar);
    expect(d.dispatchDueAt).toEqual(cst('2025-10-01T10:00:00'));
    expect(d.firstReplyDueAt).toEqual(cst('2025-10-15T00:00:00'));
    expect(d.dispatchDueAt <= d.firstReplyDueAt && d.firstReplyDueAt <= d.resolveDueAt).toBe(true);
  });
});
