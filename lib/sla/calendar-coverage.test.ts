import { describe, expect, it } from 'vitest';
import { calendarCoverage } from './calendar-coverage';
import { addDays, EMPTY_CALENDAR } from './compute-deadlines';

describe('calendarCoverage', () => {
  it('names the first and last year with entries, and whether a year is inside', () => {
    expect(calendarCoverage([2026, 2024, 2025, 2025], 2025)).toEqual({
      first: 2024,
      last: 2026,
      covered: true,
    });
    expect(calendarCoverage([2024, 2026], 2015)).toEqual({ first: 2024, last: 2026, covered: false });
    expect(calendarCoverage([], 2026)).toEqual({ first: null, last: null, covered: false });
  });

  it('outside the calendar, working days skip weekends only (the documented fallback)', () => {
    // Thursday 1 Oct 2015 (国庆) is a working day without a 2015 calendar: 3 working days → Tue 6 Oct.
    const due = addDays(new Date('2015-09-30T02:00:00Z'), 3, true, EMPTY_CALENDAR);
    expect(due.toISOString()).toBe('2015-10-05T16:00:00.000Z');
  });
});
