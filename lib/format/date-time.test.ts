import { describe, expect, it } from 'vitest';
import { addDays, EMPTY_CALENDAR } from '@/lib/sla/compute-deadlines';
import {
  deadlineDay,
  formatDate,
  formatDateTime,
  formatDeadline,
  formatDeadlineDate,
  formatMonth,
  formatW3cDateTime,
  formatZhDate,
  formatZhDeadlineDate,
  formatZhMonth,
  isCstMidnight,
  NO_DATE,
} from './date-time';

const cst = (s: string) => new Date(`${s}+08:00`);

describe('the one date formatter', () => {
  it('prints instants in China Standard Time whatever the machine zone', () => {
    // 2026-11-25 17:30 UTC is 2026-11-26 01:30 in Shanghai.
    expect(formatDateTime('2026-11-25T17:30:00Z')).toBe('2026-11-26 01:30');
    expect(formatDate(new Date('2026-11-25T17:30:00Z'))).toBe('2026-11-26');
    expect(formatZhDate(Date.parse('2026-03-04T16:00:00Z'))).toBe('2026年3月5日');
  });

  it('writes API date-times with the +08:00 offset (the same instant)', () => {
    const w3 = formatW3cDateTime('2026-11-25T17:30:09.512Z');
    expect(w3).toBe('2026-11-26T01:30:09+08:00');
    expect(Date.parse(w3!)).toBe(Date.parse('2026-11-25T17:30:09Z'));
    expect(formatW3cDateTime(null)).toBeNull();
  });

  it('prints a deadline stored as 00:00 as 24:00 of the day before', () => {
    const due = cst('2026-11-26T00:00:00');
    expect(isCstMidnight(due)).toBe(true);
    expect(formatDeadline(due)).toBe('2026-11-25 24:00');
    expect(formatDeadlineDate(due)).toBe('2026-11-25');
    expect(formatZhDeadlineDate(due)).toBe('2026年11月25日');
    // Not midnight: printed as it is.
    const dispatchDue = cst('2026-11-26T09:15:00');
    expect(formatDeadline(dispatchDue)).toBe('2026-11-26 09:15');
    expect(deadlineDay(dispatchDue)).toBe('2026-11-26');
    expect(deadlineDay(cst('2026-11-26T00:00:01'))).toBe('2026-11-26');
  });

  it('agrees with the deadline maths: a 5-day limit ends on the 5th day', () => {
    // Arrives Friday 20 November 2026 10:00; 5 calendar days → ends 24:00 of Wednesday 25 November.
    const due = addDays(cst('2026-11-20T10:00:00'), 5, false, EMPTY_CALENDAR);
    expect(due.toISOString()).toBe('2026-11-25T16:00:00.000Z');
    expect(formatDeadline(due)).toBe('2026-11-25 24:00');
    expect(formatZhDeadlineDate(due)).toBe('2026年11月25日');
  });

  it('prints months with their year', () => {
    expect(formatMonth('2026-01')).toBe('2026-01');
    expect(formatMonth('2026-01-01')).toBe('2026-01');
    expect(formatMonth(cst('2026-12-31T23:59:00'))).toBe('2026-12');
    expect(formatZhMonth('2026-01')).toBe('2026年1月');
  });

  it('prints a dash for a missing or invalid instant', () => {
    for (const v of [null, undefined, '', 'not a date'])
      for (const f of [formatDateTime, formatDate, formatDeadline, formatZhDeadlineDate, formatMonth])
        expect(f(v)).toBe(NO_DATE);
  });
});
