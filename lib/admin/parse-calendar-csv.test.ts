import { describe, expect, it } from 'vitest';
import { parseCalendarCsv } from './parse-calendar-csv';

describe('parseCalendarCsv', () => {
  it('reads holidays and 调休 workdays in the usual spellings, with a BOM, CRLF, quotes and blank lines', () => {
    const csv =
      '\uFEFFday,is_workday,name\r\n2027-01-01,0,元旦\r\n\r\n2027-02-06,班,春节调休上班\r\n"2027-02-07",holiday,"春节, 初一"\r\n';
    expect(parseCalendarCsv(csv, 2027)).toEqual({
      ok: true,
      days: [
        { day: '2027-01-01', isWorkday: false, name: '元旦' },
        { day: '2027-02-06', isWorkday: true, name: '春节调休上班' },
        { day: '2027-02-07', isWorkday: false, name: '春节, 初一' },
      ],
    });
  });

  it('reports every bad line with its number and reason', () => {
    const csv =
      'day,is_workday,name\n2027-02-30,0,x\n2026-12-31,1,跨年\n2027-03-01,maybe,y\n2027-03-02,0,\n2027-03-03\n2027-03-04,1,a\n2027-03-04,1,b\n';
    const r = parseCalendarCsv(csv, 2027);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems.map((p) => [p.line, p.code])).toEqual([
      [2, 'day'],
      [3, 'otherYear'],
      [4, 'isWorkday'],
      [5, 'name'],
      [6, 'columns'],
      [8, 'duplicate'],
    ]);
  });

  it('counts lines across a quoted field that spans two and across blank lines', () => {
    const csv = 'day,is_workday,name\n2027-01-01,0,"元\n旦"\n\n  \n2027-01-02,maybe,c\n2027-01-03\n';
    const r = parseCalendarCsv(csv, 2027);
    expect(!r.ok && r.problems).toEqual([
      { line: 6, code: 'isWorkday', value: 'maybe' },
      { line: 7, code: 'columns', value: '2027-01-03' },
    ]);
  });

  it('needs the header and at least one day', () => {
    expect(parseCalendarCsv('date,flag,name\n2027-01-01,0,元旦', 2027)).toMatchObject({
      ok: false,
      problems: [{ line: 1, code: 'header' }],
    });
    expect(parseCalendarCsv('day,is_workday,name\n', 2027)).toMatchObject({
      ok: false,
      problems: [{ code: 'empty' }],
    });
  });
});
