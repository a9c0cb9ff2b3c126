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
 * UTF-8 BOM is allowed; fields may be double-quoted. Every problem is reported with its line. Pure.
 */

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

function splitLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((f) => f.trim());
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
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const problems: CalendarCsvProblem[] = [];
  const header = splitLine(lines[0] ?? '').map((h) => h.toLowerCase());
  if (header[0] !== 'day' || header[1] !== 'is_workday' || header[2] !== 'name') {
    return { ok: false, problems: [{ line: 1, code: 'header', value: lines[0] ?? '' }] };
  }
  const days: CalendarCsvDay[] = [];
  const seen = new Set<string>();
  for (let i = 1; i < lines.length; i++) {
    const raw = lines[i]!;
    if (!raw.trim()) continue;
    const line = i + 1;
    const f = splitLine(raw);
    if (f.length < 3) {
      problems.push({ line, code: 'columns', value: raw });
      continue;
    }
    const [day, flag, name] = f as [string, string, string];
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
