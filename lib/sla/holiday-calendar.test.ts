/**
 * Working-day arithmetic on the real State Council calendar the demo city ships (holidays and 调休
 * make-up workdays 2024–2026), across the Spring Festival and National Day.
 */
import { describe, expect, it } from 'vitest';
import { CALENDAR_EXCEPTIONS } from '@/db/seed/corpus/holidays';
import { addDays, EMPTY_CALENDAR, isWorkday, type WorkCalendar } from './compute-deadlines';

const calendar: WorkCalendar = {
  holidays: new Set(CALENDAR_EXCEPTIONS.filter((d) => !d.isWorkday).map((d) => d.day)),
  workdays: new Set(CALENDAR_EXCEPTIONS.filter((d) => d.isWorkday).map((d) => d.day)),
};
const cst = (s: string) => new Date(`${s}+08:00`);
const due = (from: string, days: number, cal = calendar) => addDays(cst(from), days, true, cal);

describe('Spring Festival 2026 (15–23 Feb off; Sat 14 Feb and Sat 28 Feb worked)', () => {
  it('knows the holiday and both make-up Saturdays', () => {
    expect(isWorkday('2026-02-14', calendar)).toBe(true);
    for (const d of ['2026-02-15', '2026-02-16', '2026-02-20', '2026-02-23'])
      expect(isWorkday(d, calendar)).toBe(false);
    expect(isWorkday('2026-02-28', calendar)).toBe(true);
    expect(isWorkday('2026-03-01', calendar)).toBe(false);
  });
  it('counts 5 working days from Friday 13 Feb: Sat 14, then 24–27 Feb', () => {
    expect(due('2026-02-13T10:00:00', 5)).toEqual(cst('2026-02-28T00:00:00'));
    // Without the calendar the answer would be wrong by days (the festival counted as work).
    expect(due('2026-02-13T10:00:00', 5, EMPTY_CALENDAR)).toEqual(cst('2026-02-21T00:00:00'));
  });
  it('counts 10 working days through the make-up Saturday 28 Feb', () => {
    expect(due('2026-02-13T10:00:00', 10)).toEqual(cst('2026-03-06T00:00:00'));
  });
  it('starts counting after the holiday for a case that arrives during it', () => {
    expect(due('2026-02-18T09:00:00', 1)).toEqual(cst('2026-02-25T00:00:00'));
  });
});

describe('Spring Festival 2025 (28 Jan – 4 Feb off; Sun 26 Jan and Sat 8 Feb worked)', () => {
  it('counts 5 working days from Friday 24 Jan', () => {
    // Sun 26 (worked), Mon 27, then 5, 6, 7 Feb.
    expect(due('2025-01-24T16:00:00', 5)).toEqual(cst('2025-02-08T00:00:00'));
    expect(due('2025-01-24T16:00:00', 6)).toEqual(cst('2025-02-09T00:00:00')); // Sat 8 Feb worked
  });
});

describe('Mid-Autumn and National Day 2026 (25–27 Sep, 1–7 Oct off; Sun 20 Sep and Sat 10 Oct worked)', () => {
  it('counts 5 working days from Wednesday 30 Sep: 8, 9, Sat 10, 12, 13 Oct', () => {
    expect(due('2026-09-30T15:00:00', 5)).toEqual(cst('2026-10-14T00:00:00'));
  });
  it('counts the make-up Sunday 20 Sep as a working day', () => {
    expect(due('2026-09-19T10:00:00', 1)).toEqual(cst('2026-09-21T00:00:00'));
  });
  it('skips the Mid-Autumn Friday', () => {
    expect(due('2026-09-24T10:00:00', 1)).toEqual(cst('2026-09-29T00:00:00'));
  });
  it('a case arriving late on the eve of the holiday still counts from the next day', () => {
    expect(due('2026-09-30T23:59:00', 1)).toEqual(cst('2026-10-09T00:00:00'));
  });
});
