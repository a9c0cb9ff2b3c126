import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { displayWidth, readXlsx, safeSheetName, toShanghaiExcelDate, xlsxStream } from './xlsx.server';

async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

describe('xlsxStream', () => {
  it('writes Chinese headers, typed cells and Shanghai wall-clock dates, batch by batch', async () => {
    type Row = { id: number; name: string; at: string | null; rate: number | null };
    async function* batches(): AsyncGenerator<Row[]> {
      yield [{ id: 1, name: '供水', at: '2026-05-31T16:30:00Z', rate: 0.935 }];
      yield [{ id: 2, name: '物业', at: null, rate: null }];
    }
    let counted = 0;
    const stream = xlsxStream(
      [
        {
          name: '诉求',
          columns: [
            { key: 'id', header: '编号', type: 'integer', value: (r) => r.id },
            { key: 'name', header: '名称', value: (r) => r.name },
            { key: 'at', header: '提交时间', type: 'datetime', value: (r) => r.at },
            { key: 'rate', header: '满意率', type: 'percent', value: (r) => r.rate },
          ],
          batches: batches(),
        },
      ],
      (n) => {
        counted += n;
      },
    );
    const bytes = await bytesOf(stream);
    expect(counted).toBe(2);
    const sheets = await readXlsx(bytes);
    const rows = sheets.get('诉求') ?? [];
    expect(rows[0]).toEqual(['编号', '名称', '提交时间', '满意率']);
    expect(rows[1]?.[0]).toBe(1);
    expect(rows[1]?.[1]).toBe('供水');
    // 16:30 UTC on 31 May is 00:30 on 1 June in Shanghai.
    expect((rows[1]?.[2] as Date | undefined)?.toISOString()).toBe('2026-06-01T00:30:00.000Z');
    expect(rows[1]?.[3]).toBe(0.935);
    expect(rows[2]?.slice(0, 2)).toEqual([2, '物业']);

    // Frozen header row and number formats.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getCell('C2').numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(ws.getCell('D2').numFmt).toBe('0.0%');
    expect(ws.getColumn(3).width).toBeGreaterThanOrEqual(17);
  });

  it('helpers', () => {
    expect(displayWidth('满意率a')).toBe(7);
    expect(safeSheetName('a/b:c*d?[e]')).toBe('a b c d  e ');
    expect(toShanghaiExcelDate(null)).toBeNull();
    expect(toShanghaiExcelDate('bad')).toBeNull();
  });
});
