/**
 * Statistics periods: whole days in China Standard Time (Asia/Shanghai, UTC+8, no DST), as
 * `definitions.ts` states. Pure.
 */
import { CST_OFFSET_MS } from '@/lib/sla/compute-deadlines';

const DAY_MS = 86_400_000;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH_RE = /^\d{4}-\d{2}$/;

export interface Period {
  /** First day, 'YYYY-MM-DD' (CST). */
  from: string;
  /** Last day, inclusive. */
  to: string;
  /** 00:00 CST of `from`. */
  start: Date;
  /** 24:00 CST of `to` (exclusive end). */
  end: Date;
}

export function isIsoDate(value: string): boolean {
  if (!DATE_RE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function isIsoMonth(value: string): boolean {
  return MONTH_RE.test(value) && isIsoDate(`${value}-01`);
}

/** 00:00 CST of a day as an instant. */
export function cstDayStart(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - CST_OFFSET_MS);
}

function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function period(from: string, to: string): Period {
  if (!isIsoDate(from) || !isIsoDate(to)) throw new RangeError(`Bad period ${from}–${to}`);
  if (to < from) throw new RangeError(`Period ends before it starts: ${from}–${to}`);
  return { from, to, start: cstDayStart(from), end: cstDayStart(shiftDay(to, 1)) };
}

/** Days in a period (inclusive). */
export function periodDays(p: Pick<Period, 'from' | 'to'>): number {
  return Math.round((Date.parse(`${p.to}T00:00:00Z`) - Date.parse(`${p.from}T00:00:00Z`)) / DAY_MS) + 1;
}

/** 'YYYY-MM' → the whole month. */
export function monthPeriod(month: string): Period {
  if (!isIsoMonth(month)) throw new RangeError(`Bad month ${month}`);
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  return period(`${month}-01`, last);
}

/** 'YYYY-MM' shifted by n months. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return d.toISOString().slice(0, 7);
}

/** The number of whole calendar months the period covers, or null when it is not whole months. */
export function wholeMonths(p: Pick<Period, 'from' | 'to'>): number | null {
  if (!p.from.endsWith('-01')) return null;
  const next = shiftDay(p.to, 1);
  if (!next.endsWith('-01')) return null;
  const [y1, m1] = p.from.split('-').map(Number) as [number, number];
  const [y2, m2] = next.split('-').map(Number) as [number, number];
  return (y2 - y1) * 12 + (m2 - m1);
}

/**
 * The previous period of equal length: the same number of calendar months just before when the
 * period is whole months, else the same number of days just before.
 */
export function previousPeriod(p: Period): Period {
  const months = wholeMonths(p);
  if (months !== null) {
    const fromMonth = addMonths(p.from.slice(0, 7), -months);
    return period(`${fromMonth}-01`, shiftDay(p.from, -1));
  }
  const days = periodDays(p);
  return period(shiftDay(p.from, -days), shiftDay(p.from, -1));
}

/** The CST day ('YYYY-MM-DD') an instant falls in. */
export function cstDay(at: Date): string {
  return new Date(at.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The period a figure is compared with. A period that is still running on `now` (today, CST, lies
 * inside it and before its last day) is compared with the same days of the previous period, up to
 * the same day: this month to the 6th with last month's 1st–6th (上期同期), never a running month
 * with a whole one. Otherwise `previousPeriod`.
 */
export function comparisonPeriod(current: Period, now: Date): Period {
  const whole = previousPeriod(current);
  const today = cstDay(now);
  if (today < current.from || today >= current.to) return whole;
  const elapsed = periodDays({ from: current.from, to: today });
  const to = shiftDay(whole.from, elapsed - 1);
  return period(whole.from, to < whole.to ? to : whole.to);
}

/** Whether a comparison period is the same days to date rather than a whole previous period. */
export function isToDateComparison(
  current: Pick<Period, 'from' | 'to'>,
  previous: Pick<Period, 'from' | 'to'>,
) {
  return periodDays(previous) < periodDays(current);
}

/** The CST month ('YYYY-MM') an instant falls in. */
export function cstMonth(at: Date): string {
  return new Date(at.getTime() + CST_OFFSET_MS).toISOString().slice(0, 7);
}

/** `count` whole months ending with `lastMonth`, oldest first. */
export function monthsEndingWith(lastMonth: string, count: number): Period[] {
  return Array.from({ length: count }, (_, i) => monthPeriod(addMonths(lastMonth, i - count + 1)));
}

/** The 12 months up to and including today (CST), as inclusive days: 2025-12-07 … 2026-12-06. */
export function lastYearDays(now: Date): { from: string; to: string } {
  const cst = (t: number) => new Date(t + 8 * 3_600_000).toISOString().slice(0, 10);
  const to = cst(now.getTime());
  const from = new Date(`${to}T00:00:00Z`);
  from.setUTCFullYear(from.getUTCFullYear() - 1);
  from.setUTCDate(from.getUTCDate() + 1);
  return { from: from.toISOString().slice(0, 10), to };
}

/** An instant range [start, end). */
export interface Span {
  start: Date;
  end: Date;
}

/**
 * A span cut at CST month boundaries: the whole months it covers ('YYYY-MM-01', with the span
 * they make together) and the partial days before and after them (at most two spans).
 */
export function splitWholeMonths(span: Span): { months: string[]; block: Span | null; partial: Span[] } {
  const firstStart = cstMonthStart(cstMonth(span.start));
  const first =
    firstStart.getTime() === span.start.getTime() ? cstMonth(span.start) : addMonths(cstMonth(span.start), 1);
  const months: string[] = [];
  for (let m = first; cstMonthStart(addMonths(m, 1)) <= span.end; m = addMonths(m, 1)) months.push(`${m}-01`);
  if (months.length === 0) return { months, block: null, partial: [span] };
  const block = { start: cstMonthStart(first), end: cstMonthStart(addMonths(first, months.length)) };
  const partial: Span[] = [];
  if (span.start < block.start) partial.push({ start: span.start, end: block.start });
  if (block.end < span.end) partial.push({ start: block.end, end: span.end });
  return { months, block, partial };
}

/** 00:00 CST of the first day of a month ('YYYY-MM'). */
export function cstMonthStart(month: string): Date {
  return cstDayStart(`${month}-01`);
}

/**
 * A span as whole CST days: `from` its first day, `to` the day after its last ('YYYY-MM-DD'), or
 * null when it does not start and end at midnight CST.
 */
export function wholeCstDays(span: Span): { from: string; to: string } | null {
  const day = (d: Date) => {
    const t = d.getTime() + CST_OFFSET_MS;
    return t % DAY_MS === 0 ? new Date(t).toISOString().slice(0, 10) : null;
  };
  const from = day(span.start);
  const to = day(span.end);
  return from && to && from < to ? { from, to } : null;
}
