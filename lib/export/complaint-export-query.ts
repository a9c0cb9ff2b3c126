/**
 * What `GET /api/export/complaints.xlsx` accepts: which list (`list`), and that list's own
 * parameters, exactly as the list's page or endpoint takes them, so a button can append its
 * list's query string and get the same rows in the same order.
 *
 * - `all` (default; also the statistics drill-down): the map filter (`from`/`to` months, `cat`,
 *   `urg`, `st`, `dl`, `office`, `ch`, see lib/map/filters.ts) and optionally `area` (a division code).
 * - `inbox`: the handler's open cases (待办), soonest deadline first.
 * - `dispatch`: the manual dispatch queue (人工派单), oldest dispatch deadline first.
 * - `cell`: the complaints behind one hot-spot cell: the parameters of
 *   `GET /api/analytics/cell-complaints` (`division`, `cellSize`, `shape`, `i`, `j`, ISO `from`/`to`,
 *   `category`, `status`, `urgency`, `channel`).
 * - `selection`: a drawn polygon on the map (`sel=lng,lat;…`) with the map filter.
 * - `indicator`: the cases behind a figure of /stats (the parameters of `/stats/complaints`:
 *   `indicator`, `part`, `area`, `month` or `from`/`to`, `office`, `category`), newest first.
 * `contact=1` adds the complainant's name and phone, for roles with `complaint.readContact` only.
 */
import { z } from 'zod';
import { assertPeriod } from '@/lib/http/date-range';
import { type ComplaintFilter, parseFilter } from '@/lib/map/filters';
import { ringParam } from '@/lib/map/params';
import { complaintsQuery } from '@/lib/stats/api-params';
import type { IndicatorId } from '@/lib/stats/definitions';

export const EXPORT_LISTS = ['all', 'inbox', 'dispatch', 'cell', 'selection', 'indicator'] as const;
export type ExportList = (typeof EXPORT_LISTS)[number];

const base = z.object({
  list: z.enum(EXPORT_LISTS).default('all'),
  contact: z
    .enum(['0', '1'])
    .default('0')
    .transform((v) => v === '1'),
});

const cellQuery = z.object({
  division: z
    .string()
    .regex(/^\d{12}$/, 'a 12-digit division code')
    .optional(),
  cellSize: z.coerce.number().int().min(100).max(20_000).default(1000),
  shape: z.enum(['square', 'hexagon']).default('square'),
  i: z.coerce.number().int(),
  j: z.coerce.number().int(),
});

export type ComplaintExportQuery = { contact: boolean } & (
  | { list: 'all'; area: string | null; filter: ComplaintFilter }
  | { list: 'inbox' }
  | { list: 'dispatch' }
  | { list: 'cell'; cell: z.infer<typeof cellQuery>; params: Record<string, string> }
  | { list: 'selection'; ring: [number, number][]; filter: ComplaintFilter }
  | {
      list: 'indicator';
      indicator: IndicatorId;
      part: 'numerator' | 'denominator';
      areaCode: string | null;
      from: string;
      to: string;
      officeId: number | null;
      category: string | null;
    }
);

/** Parse the search params (zod errors become VALIDATION answers). */
export function parseComplaintExportQuery(params: Record<string, string>): ComplaintExportQuery {
  const { list, contact } = base.parse(params);
  const filter = () => {
    assertPeriod(params.from, params.to);
    return parseFilter((key) => params[key]);
  };
  switch (list) {
    case 'all': {
      const area = z
        .string()
        .regex(/^\d{12}$/, 'a 12-digit division code')
        .optional()
        .parse(params.area);
      return { list, contact, area: area ?? null, filter: filter() };
    }
    case 'inbox':
    case 'dispatch':
      return { list, contact };
    case 'cell':
      return { list, contact, cell: cellQuery.parse(params), params };
    case 'selection':
      return { list, contact, ring: z.object({ sel: ringParam }).parse(params).sel, filter: filter() };
    case 'indicator': {
      const q = complaintsQuery.parse(params);
      return {
        list,
        contact,
        indicator: q.indicator,
        part: q.part,
        areaCode: q.areaCode,
        from: q.from,
        to: q.to,
        officeId: q.office ?? null,
        category: q.category ?? null,
      };
    }
  }
}
