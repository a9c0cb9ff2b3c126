import 'server-only';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { isCstMidnight } from '@/lib/format/date-time';

/**
 * Streaming .xlsx: exceljs's streaming `WorkbookWriter` writes each committed row into the zip as it
 * goes, so an export of any length holds one batch of rows in memory, never the whole table.
 *
 * - Headers are the caller's (already translated) strings, in bold on a frozen first row, with
 *   column widths and an auto-filter.
 * - `date` / `datetime` cells are real Excel dates showing Asia/Shanghai wall-clock time (Excel
 *   dates have no time zone, so the instant is shifted by +8 h before exceljs writes its serial).
 * - `deadline` cells follow lib/format/date-time.ts: a deadline stored as 00:00 is the day before at
 *   24:00, written as that day's date shown `2026-11-25 24:00` (still a date Excel sorts and filters).
 * - Rows come from an async iterable of batches (keyset pages from the database); between batches
 *   the writer waits for the consumer when the HTTP stream is full (backpressure).
 */
/** `decimal`: one decimal place (rates already in percent, durations in days). */
export type XlsxCellType =
  | 'text'
  | 'integer'
  | 'number'
  | 'decimal'
  | 'percent'
  | 'date'
  | 'datetime'
  | 'deadline';

export interface XlsxColumn<R> {
  key: string;
  header: string;
  /** Width in characters (CJK characters count double). Default: from the header. */
  width?: number;
  type?: XlsxCellType;
  value: (row: R) => unknown;
}

export interface XlsxSheet<R> {
  name: string;
  columns: XlsxColumn<R>[];
  /** Batches of rows, in order. */
  batches: AsyncIterable<R[]> | Iterable<R[]>;
}

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const NUM_FMT: Partial<Record<XlsxCellType, string>> = {
  integer: '0',
  number: '0.00',
  decimal: '0.0',
  percent: '0.0%',
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm',
  deadline: 'yyyy-mm-dd "24:00"',
};

/** The instant as an Excel date whose wall-clock reading is Asia/Shanghai time. */
export function toShanghaiExcelDate(value: Date | string | null | undefined): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return null;
  return new Date(d.getTime() + SHANGHAI_OFFSET_MS);
}

function cellValue(type: XlsxCellType, v: unknown): ExcelJS.CellValue {
  if (v === null || v === undefined) return null;
  switch (type) {
    case 'date':
      // A calendar date ('2026-05-01') is already a wall-clock date: no shift.
      if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return new Date(`${v}T00:00:00Z`);
      return toShanghaiExcelDate(v as Date | string);
    case 'datetime':
      return toShanghaiExcelDate(v as Date | string);
    case 'deadline': {
      const d = toShanghaiExcelDate(v as Date | string);
      if (!d) return null;
      return isCstMidnight(v as Date | string) ? new Date(d.getTime() - 86_400_000) : d;
    }
    case 'integer':
    case 'number':
    case 'decimal':
    case 'percent': {
      const n = typeof v === 'number' ? v : Number(v);
      return Number.isFinite(n) ? n : null;
    }
    default:
      return String(v);
  }
}

/** Display width of a string in Excel characters (CJK glyphs are double width). */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1;
  return w;
}

const DEFAULT_WIDTH: Record<XlsxCellType, number> = {
  text: 16,
  integer: 10,
  number: 12,
  decimal: 10,
  percent: 10,
  date: 12,
  datetime: 17,
  deadline: 17,
};

/** Excel sheet names: ≤ 31 characters, none of []:*?/\ . */
export function safeSheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet1';
}

async function writeWorkbook<R>(
  sheets: XlsxSheet<R>[],
  out: PassThrough,
  onRows?: (n: number) => void,
): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  wb.creator = 'Suqiu';
  wb.created = new Date();
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(safeSheetName(sheet.name), {
      views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }],
    });
    ws.columns = sheet.columns.map((c) => {
      const type = c.type ?? 'text';
      return {
        key: c.key,
        width: c.width ?? Math.max(DEFAULT_WIDTH[type], displayWidth(c.header) + 2),
        style: NUM_FMT[type] ? { numFmt: NUM_FMT[type] } : {},
      };
    });
    ws.autoFilter = {
      from: { row: 1, column: 1 },
      to: { row: 1, column: Math.max(1, sheet.columns.length) },
    };
    const header = ws.addRow(sheet.columns.map((c) => c.header));
    header.font = { bold: true };
    header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF0F2F5' } };
    header.commit();
    for await (const batch of sheet.batches) {
      for (const r of batch) {
        const row = ws.addRow(sheet.columns.map((c) => cellValue(c.type ?? 'text', c.value(r))));
        // A deadline that is not at 24:00 (e.g. dispatch within 24 hours) shows its own time.
        sheet.columns.forEach((c, i) => {
          if (c.type === 'deadline' && !isCstMidnight(c.value(r) as Date | string | null))
            row.getCell(i + 1).numFmt = NUM_FMT.datetime!;
        });
        row.commit();
      }
      onRows?.(batch.length);
      if (out.writableNeedDrain) await new Promise<void>((resolve) => out.once('drain', resolve));
    }
    ws.commit();
  }
  await wb.commit();
}

/** The workbook as a web stream of bytes (errors midway abort the stream: the download fails, never a truncated file passing as whole). */
export function xlsxStream<R>(
  sheets: XlsxSheet<R>[],
  onRows?: (n: number) => void,
): ReadableStream<Uint8Array> {
  const out = new PassThrough({ highWaterMark: 1 << 20 });
  writeWorkbook(sheets, out, onRows).then(
    () => out.end(),
    (error) => {
      console.error('xlsx export failed', error);
      out.destroy(error instanceof Error ? error : new Error(String(error)));
    },
  );
  // Not Readable.toWeb: when the client goes away its adapter keeps enqueueing into the cancelled stream and
  // throws an uncaught ERR_INVALID_STATE. Here a cancel destroys the source and late chunks are dropped.
  let done = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      out.on('data', (chunk: Buffer) => {
        if (done) return;
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 1) <= 0) out.pause();
      });
      out.once('end', () => {
        if (done) return;
        done = true;
        controller.close();
      });
      out.on('error', (error) => {
        if (done) return;
        done = true;
        controller.error(error);
      });
    },
    pull() {
      out.resume();
    },
    cancel() {
      done = true;
      out.destroy();
    },
  });
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * A download response. `rows` (known before streaming starts) goes out as `X-Export-Rows` so the
 * browser can show progress while the body arrives; the file name is UTF-8 (RFC 5987).
 */
export function xlsxResponse(params: {
  filename: string;
  rows: number;
  body: ReadableStream<Uint8Array>;
}): Response {
  const ascii = params.filename.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  return new Response(params.body, {
    headers: {
      'content-type': XLSX_MIME,
      'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(params.filename)}`,
      'cache-control': 'private, no-store',
      'x-export-rows': String(params.rows),
      'access-control-expose-headers': 'X-Export-Rows, Content-Disposition',
    },
  });
}

/** Read a whole workbook back (tests, small files): sheet → rows of cell values, header row first. */
export async function readXlsx(bytes: ArrayBuffer | Uint8Array): Promise<Map<string, unknown[][]>> {
  const wb = new ExcelJS.Workbook();
  const buf = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  await wb.xlsx.load(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer);
  const out = new Map<string, unknown[][]>();
  for (const ws of wb.worksheets) {
    const rows: unknown[][] = [];
    ws.eachRow({ includeEmpty: false }, (row) => {
      const values = row.values as unknown[];
      rows.push(values.slice(1));
    });
    out.set(ws.name, rows);
  }
  return out;
}
