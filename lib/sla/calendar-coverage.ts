/**
 * The holiday calendar's documented range (pure): the years it holds entries for (holidays or 调休
 * workdays). Inside them, working-day deadlines follow the calendar; outside, `isWorkday` falls back
 * to Monday–Friday (weekends only, no public holidays), and the admin calendar warns about it.
 */
export interface CalendarCoverage {
  first: number | null;
  last: number | null;
  /** Whether `year` has entries (false: its deadlines use the weekends-only fallback). */
  covered: boolean;
}

export function calendarCoverage(years: readonly number[], year: number): CalendarCoverage {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  return { first: sorted[0] ?? null, last: sorted.at(-1) ?? null, covered: sorted.includes(year) };
}
