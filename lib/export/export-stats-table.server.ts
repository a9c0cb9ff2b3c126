import 'server-only';
import { z } from 'zod';
import type { DbOrTx } from '@/db/client';
import { AUDIT } from '@/lib/audit/actions';
import { writeAudit } from '@/lib/audit/write-audit.server';
import type { AuthUser } from '@/lib/auth/types';
import { boundDay, dateValue, fromAfterTo, fromNotAfterTo } from '@/lib/http/date-range';
import type { Locale } from '@/lib/i18n/config';
import { computeIndicators } from '@/lib/stats/compute-indicators.server';
import { indicatorDefinition } from '@/lib/stats/definitions';
import {
  assessmentTable,
  categoryRankingTable,
  monthlyTrendTable,
  officeRankingTable,
  type StatsTable,
} from '@/lib/stats/tables.server';
import { type XlsxCellType, type XlsxColumn, xlsxStream } from './xlsx.server';

export const STATS_TABLES = ['indicators', 'offices', 'categories', 'trend', 'assessment'] as const;

/** `from` / `to` of the one date grammar (lib/http/date-range.ts), read as the days they bound. */
const fromDay = dateValue('from').transform((v) => boundDay(v, 'from')!);
const toDay = dateValue('to').transform((v) => boundDay(v, 'to')!);
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');
const area = z
  .string()
  .regex(/^\d{12}$/, 'a 12-digit division code')
  .optional();

/**
 * `GET /api/export/stats.xlsx?table=…`: the statistics tables of lib/stats/tables.server.ts with the
 * dashboard's parameters (`area`, and `from`/`to` days, or `month`, or `lastMonth`/`count`), plus the
 * indicator cards as a table.
 */
export const statsExportQuery = z.discriminatedUnion('table', [
  z
    .object({ table: z.literal('indicators'), area, from: fromDay, to: toDay })
    .refine(fromNotAfterTo, fromAfterTo()),
  z
    .object({ table: z.literal('offices'), area, from: fromDay, to: toDay })
    .refine(fromNotAfterTo, fromAfterTo()),
  z
    .object({ table: z.literal('categories'), area, from: fromDay, to: toDay })
    .refine(fromNotAfterTo, fromAfterTo()),
  z.object({
    table: z.literal('trend'),
    area,
    lastMonth: month.optional(),
    count: z.coerce.number().int().min(1).max(36).default(12),
  }),
  z.object({ table: z.literal('assessment'), area, month: month.optional() }),
]);
export type StatsExportQuery = z.infer<typeof statsExportQuery>;

async function indicatorsTable(
  db: DbOrTx,
  user: AuthUser,
  p: { areaCode?: string; from: string; to: string; now: Date; locale: 'zh' | 'en' },
): Promise<StatsTable> {
  const r = await computeIndicators(db, user, p);
  const zh = p.locale === 'zh';
  const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
  return {
    title: `${zh ? '指标' : 'Indicators'} ${r.area.name} ${r.period.from}—${r.period.to}`,
    columns: [
      { key: 'indicator', header: zh ? '指标' : 'Indicator' },
      { key: 'unit', header: zh ? '单位' : 'Unit' },
      { key: 'value', header: zh ? '本期' : 'This period' },
      { key: 'numerator', header: zh ? '分子' : 'Numerator' },
      { key: 'denominator', header: zh ? '分母' : 'Denominator' },
      { key: 'previous', header: `${zh ? '上期' : 'Previous'} ${r.previous.from}—${r.previous.to}` },
      { key: 'change', header: zh ? '变化' : 'Change' },
      { key: 'definition', header: zh ? '口径' : 'Definition' },
    ],
    rows: r.indicators.map((i) => {
      const d = indicatorDefinition(i.id);
      const text = (l: { zh: string; en: string }) => (zh ? l.zh : l.en);
      return {
        indicator: text(d.name),
        unit: i.unit === 'percent' ? '%' : i.unit === 'days' ? (zh ? '天' : 'days') : zh ? '件' : 'cases',
        value: round(i.value),
        numerator: i.numerator,
        denominator: i.denominator,
        previous: round(i.previous.value),
        change: i.change ? round(i.change.absolute) : null,
        definition: d.denominator ? `${text(d.numerator)} ÷ ${text(d.denominator)}` : text(d.numerator),
      };
    }),
  };
}

/** The table's columns with a cell type guessed from its values (integers, one-decimal numbers, text). */
function columnsOf(table: StatsTable): XlsxColumn<Record<string, unknown>>[] {
  return table.columns.map((c) => {
    const values = table.rows.map((r) => r[c.key]).filter((v) => v !== null && v !== undefined);
    const numeric = values.length > 0 && values.every((v) => typeof v === 'number');
    const type: XlsxCellType = !numeric
      ? 'text'
      : values.every((v) => Number.isInteger(v))
        ? 'integer'
        : 'decimal';
    const width = c.key === 'definition' ? 60 : c.key === 'office' ? 28 : undefined;
    return { key: c.key, header: c.header, type, width, value: (r) => r[c.key] };
  });
}

/** A statistics table as .xlsx, scoped by the statistics' own jurisdiction rules, audited as an export. */
export async function exportStatsTable(
  db: DbOrTx,
  user: AuthUser,
  q: StatsExportQuery,
  opts: { now: Date; locale: Locale; ip?: string | null; query?: string },
): Promise<{ rows: number; filename: string; body: ReadableStream<Uint8Array> }> {
  const locale = opts.locale === 'en' ? 'en' : 'zh';
  const base = { areaCode: q.area, now: opts.now, locale } as const;
  let table: StatsTable;
  switch (q.table) {
    case 'indicators':
      table = await indicatorsTable(db, user, { ...base, from: q.from, to: q.to });
      break;
    case 'offices':
      table = await officeRankingTable(db, user, { ...base, from: q.from, to: q.to });
      break;
    case 'categories':
      table = await categoryRankingTable(db, user, { ...base, from: q.from, to: q.to });
      break;
    case 'trend':
      table = await monthlyTrendTable(db, user, { ...base, lastMonth: q.lastMonth, count: q.count });
      break;
    case 'assessment':
      table = await assessmentTable(db, user, { ...base, month: q.month });
      break;
  }
  await writeAudit(db, {
    actorUserId: user.id,
    action: AUDIT.export,
    targetType: 'stats',
    targetId: q.table,
    data: { format: 'xlsx', table: q.table, rows: table.rows.length, query: opts.query ?? null },
    ip: opts.ip ?? null,
  });
  const body = xlsxStream([{ name: table.title, columns: columnsOf(table), batches: [table.rows] }]);
  return { rows: table.rows.length, filename: `${table.title.replace(/\s+/g, '_')}.xlsx`, body };
}
