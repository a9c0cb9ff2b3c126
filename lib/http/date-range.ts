/**
 * One date grammar for every API that takes a period (map, tiles, hot spots, emerging, clusters,
 * statistics, exports, clues, Open311): a value is `YYYY-MM-DD` (a day) or `YYYY-MM` (a month), read
 * as whole days in Asia/Shanghai; `from` and `to` are both inclusive (`from=2015-01&to=2015-12` is the
 * year 2015, `from=2015-03-08&to=2015-03-08` that one day). Anything else is a 400 that names the
 * field and the expected form: a period is never silently ignored. Pure.
 */
import { z } from 'zod';
import { AppError } from './errors';

/** The expected form, as error messages and the API documentation state it. */
export const DATE_FORM = 'YYYY-MM-DD or YYYY-MM (whole days in Asia/Shanghai, inclusive)';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A value of the grammar as the day it names at that end of a period: a month is its first day as
 * `from` and its last day as `to`. Null when the value is not of the grammar (or not a real date).
 */
export function boundDay(value: string, end: 'from' | 'to'): string | null {
  const d = DAY.exec(value);
  if (d) {
    const [y, m, day] = [Number(d[1]), Number(d[2]), Number(d[3])];
    return y >= 1900 && y <= 2999 && m >= 1 && m <= 12 && day >= 1 && day <= daysIn(y, m) ? value : null;
  }
  const mo = MONTH.exec(value);
  if (mo) {
    const [y, m] = [Number(mo[1]), Number(mo[2])];
    if (y < 1900 || y > 2999 || m < 1 || m > 12) return null;
    return `${mo[1]}-${mo[2]}-${end === 'from' ? '01' : pad(daysIn(y, m))}`;
  }
  return null;
}

/** Whether a value of the grammar is a valid day or month. */
export const isDateValue = (value: string) => boundDay(value, 'from') !== null;

/** The instant a day (`YYYY-MM-DD`) begins in Asia/Shanghai. */
export function dayStart(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}

/** The instant after a day (`YYYY-MM-DD`) ends in Asia/Shanghai: the next day's start (an exclusive bound). */
export function dayAfter(day: string): Date {
  return new Date(dayStart(day).getTime() + 86_400_000);
}

/** The instant a period's `from` value begins. */
export const periodStart = (from: string) => dayStart(boundDay(from, 'from') ?? from);
/** The exclusive instant after a period's `to` value ends. */
export const periodEnd = (to: string) => dayAfter(boundDay(to, 'to') ?? to);

/**
 * Whether a `from`/`to` pair covers whole calendar months (both absent, months, or days on month
 * boundaries): monthly rollups can answer it exactly.
 */
export function wholeMonths(from: string | null | undefined, to: string | null | undefined): boolean {
  const fromDay = from ? boundDay(from, 'from') : null;
  const toDay = to ? boundDay(to, 'to') : null;
  if (from && !fromDay?.endsWith('-01')) return false;
  if (to && toDay && boundDay(toDay.slice(0, 7), 'to') !== toDay) return false;
  return true;
}

/** The month (`YYYY-MM`) of a value of the grammar. */
export const monthOf = (value: string) => value.slice(0, 7);

const message = (field: string) => `${field} must be ${DATE_FORM}`;

/** zod: a value of the grammar, kept as given (a day or a month). */
export function dateValue(field: string) {
  return z.string().refine(isDateValue, { message: message(field) });
}

/** zod: an optional `from` and `to` of the grammar, `from` not after `to`. */
export function periodFields() {
  return {
    from: dateValue('from').optional(),
    to: dateValue('to').optional(),
  };
}

/** zod refinement for an object with `from`/`to`: `from` must not be after `to`. */
export function fromNotAfterTo(q: { from?: string | null; to?: string | null }): boolean {
  if (!q.from || !q.to) return true;
  const a = boundDay(q.from, 'from');
  const b = boundDay(q.to, 'to');
  return !a || !b || a <= b;
}
export const FROM_AFTER_TO_MESSAGE = 'from must not be after to';
/** The refinement's error (a fresh object each time: zod normalises what it is given in place). */
export const fromAfterTo = () => ({ message: FROM_AFTER_TO_MESSAGE, path: ['to'] });

/**
 * Check a raw `from`/`to` pair (e.g. straight from search params) and throw a 400 naming the field when
 * either is not of the grammar or `from` is after `to`.
 */
export function assertPeriod(rawFrom: string | null | undefined, rawTo: string | null | undefined): void {
  // An empty value is an absent one (a form that left the field blank).
  const from = rawFrom || null;
  const to = rawTo || null;
  const fields: { path: string; message: string }[] = [];
  if (from != null && !isDateValue(from)) fields.push({ path: 'from', message: message('from') });
  if (to != null && !isDateValue(to)) fields.push({ path: 'to', message: message('to') });
  if (!fields.length && !fromNotAfterTo({ from, to }))
    fields.push({ path: 'to', message: FROM_AFTER_TO_MESSAGE });
  if (fields.length)
    throw new AppError('VALIDATION', fields.map((f) => `${f.path}: ${f.message}`).join('; '), fields);
}
