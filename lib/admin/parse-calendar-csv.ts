/**
 * A year of the holiday calendar as CSV, the way the State Council's notice is usually typed in:
 *
 *   day,is_workday,name
 *   2027-01-01,0,元旦
 *   2027-02-06,1,春节调休上班
 *
 * `day` is YYYY-MM-DD within the year; `is_workday` is 1/0, true/false, 班/休 or workday/holiday
 * (only the exceptions to the Monday–Friday week are listed: holidays, and weekend days worked as
 * 调休); `name` is shown in the calendar. The header row is required; blank lines are skipped; a
 * UTF-8 BOM is allowed; fields may be double-quoted (read by csv-parse). Every problem is reported with
 * its line. Pure.
 */
import { parse } from 'csv-parse/sync';

export interface CalendarCsvDay {
  day: string;
  isWorkday: boolean;
  name: string;
}

export interface CalendarCsvProblem {
  line: number;
  /** A key of `admin.errors.csv`. */
  code: 'header' | 'columns' | 'day' | 'otherYear' | 'isWorkday' | 'name' | 'duplicate' | 'empty';
  value?: string;
}

const WORK = new Set(['1', 'true', '班', 'workday', 'work', 'y', 'yes']);
const REST = new Set(['0', 'false', '休', 'holiday', 'rest', 'n', 'no']);

interface CsvRow {
  /** 1-based line of the file the row starts on. */
  line: number;
  fields: string[];
  raw: string;
}

/** The file's rows through csv-parse (quotes, a BOM, CRLF), each with its line; blank lines skipped. */
function readRows(text: string): CsvRow[] | { line: number; raw: string } {
  try {
    const rows = parse(text, {
      bom: true,
      trim: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      info: true,
      raw: true,
    }) as unknown as { record: string[]; info: { lines: number }; raw: string }[];
    return rows.map((r) => {
      // `raw` may carry the blank lines skipped before the row and the newline ending it; `info.lines`
      // is the line the row ends on (a quoted field may span lines).
      const content = r.raw.replace(/\r?\n$/, '').replace(/^(?:[ \t]*\r?\n)+/, '');
      return { line: r.info.lines - (content.match(/\n/g)?.length ?? 0), fields: r.record, raw: content };
    });
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return { line, raw: text.split(/\r?\n/)[line - 1] ?? '' };
  }
}

function isRealDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const t = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().startsWith(day);
}

export function parseCalendarCsv(
  text: string,
  year: number,
): { ok: true; days: CalendarCsvDay[] } | { ok: false; problems: CalendarCsvProblem[] } {
  const rows = readRows(text);
  if (!Array.isArray(rows))
    return { ok: false, problems: [{ line: rows.line, code: 'columns', value: rows.raw }] };
  const problems: CalendarCsvProblem[] = [];
  const first = rows[0];
  const header = (first?.fields ?? []).map((h) => h.toLowerCase());
  if (first?.line !== 1 || header[0] !== 'day' || header[1] !== 'is_workday' || header[2] !== 'name') {
    return {
      ok: false,
      problems: [{ line: 1, code: 'header', value: text.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '' }],
    };
  }
  const days: CalendarCsvDay[] = [];
  const seen = new Set<string>();
  for (const { line, fields, raw } of rows.slice(1)) {
    if (fields.length < 3) {
      problems.push({ line, code: 'columns', value: raw });
      continue;
    }
    const [day, flag, name] = fields as [string, string, string];
    if (!isRealDay(day)) problems.push({ line, code: 'day', value: day });
    else if (!day.startsWith(`${year}-`)) problems.push({ line, code: 'otherYear', value: day });
    else if (seen.has(day)) problems.push({ line, code: 'duplicate', value: day });
    const lower = flag.toLowerCase();
    if (!WORK.has(lower) && !REST.has(lower)) problems.push({ line, code: 'isWorkday', value: flag });
    if (!name || name.length > 30) problems.push({ line, code: 'name', value: name });
    seen.add(day);
    days.push({ day, isWorkday: WORK.has(lower), name });
  }
  if (problems.length === 0 && days.length === 0) problems.push({ line: 2, code: 'empty' });
  return problems.length ? { ok: false, problems } : { ok: true, days };
}
