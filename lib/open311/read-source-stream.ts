/**
 * Reading a history file as a stream, one row at a time, whatever its size: CSV through csv-parse,
 * GeoReport v2 JSON (a top-level array, or `{ "service_requests": [...] }`) through stream-json.
 * Memory holds the row being read and the parsers' buffers, never the file.
 */
import { pipeline, Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import pick from 'stream-json/filters/pick.js';
import parser from 'stream-json/parser.js';
import streamArray from 'stream-json/streamers/stream-array.js';
import { type ImportMapping, missingColumns, type SourceRow } from './import-source';

export type SourceFormat = 'json' | 'csv';

/** The file cannot be read as a whole (bad JSON or CSV, a missing column): the run stops, exit code 1. */
export class ImportFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportFileError';
  }
}

/** Rows of the file in order: CSV rows numbered as in a spreadsheet (header = 1), JSON items from 1. */
export function readSourceStream(
  input: Readable,
  format: SourceFormat,
  mapping: ImportMapping,
): AsyncGenerator<SourceRow> {
  return format === 'csv' ? csvRows(input, mapping) : jsonRows(input);
}

/** The same for a small text held in memory (tests, fixtures). */
export function readSourceRows(text: string, format: SourceFormat, mapping?: ImportMapping): SourceRow[] {
  if (format === 'json') {
    const data: unknown = JSON.parse(text);
    const list = Array.isArray(data) ? data : (data as { service_requests?: unknown })?.service_requests;
    if (!Array.isArray(list)) throw new ImportFileError('Expected a GeoReport v2 JSON array of requests');
    return list.map((fields, i) => ({ row: i + 1, fields: asFields(fields) }));
  }
  const records = parseSync(text, {
    bom: true,
    columns: headerCheck(mapping),
    skip_empty_lines: true,
    relax_column_count: true,
  }) as Record<string, string>[];
  return numberCsv(records);
}

function numberCsv(records: Iterable<Record<string, string>>): SourceRow[] {
  const out: SourceRow[] = [];
  let n = 1;
  for (const fields of records) {
    n++;
    if (Object.values(fields).some((v) => v !== '')) out.push({ row: n, fields });
  }
  return out;
}

function headerCheck(mapping: ImportMapping | undefined) {
  return (header: string[]) => {
    const names = header.map((h) => h.trim());
    const missing = mapping
      ? missingColumns(names, mapping)
      : ['service_request_id', 'service_code', 'status', 'requested_datetime', 'lat', 'long'].filter(
          (c) => !names.includes(c),
        );
    if (missing.length > 0)
      throw new ImportFileError(
        `CSV header lacks the column${missing.length > 1 ? 's' : ''} "${missing.join('", "')}"`,
      );
    return names;
  };
}

async function* csvRows(input: Readable, mapping: ImportMapping): AsyncGenerator<SourceRow> {
  let headerError: ImportFileError | null = null;
  const check = headerCheck(mapping);
  const csv = pipeline(
    input,
    parse({
      bom: true,
      columns: (header: string[]) => {
        try {
          return check(header);
        } catch (e) {
          headerError = e as ImportFileError;
          throw e;
        }
      },
      skip_empty_lines: true,
      relax_column_count: true,
    }),
    () => {},
  );
  let n = 1;
  try {
    for await (const fields of csv as AsyncIterable<Record<string, string>>) {
      n++;
      let any = false;
      for (const k in fields) {
        if (fields[k] !== '') {
          any = true;
          break;
        }
      }
      if (any) yield { row: n, fields };
    }
  } catch (e) {
    if (headerError) throw headerError;
    throw new ImportFileError(`bad CSV after row ${n}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

async function* jsonRows(input: Readable): AsyncGenerator<SourceRow> {
  // A top-level array, or an object holding `service_requests`: the first character tells.
  const chunks = input[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  const head: (Buffer | string)[] = [];
  let first: string | undefined;
  while (first === undefined) {
    const next = await chunks.next();
    if (next.done) throw new ImportFileError('empty JSON file');
    head.push(next.value);
    first = String(next.value)
      .replace(/^\uFEFF/, '')
      .trimStart()[0];
  }
  if (first !== '[' && first !== '{')
    throw new ImportFileError('Expected a GeoReport v2 JSON array of requests');
  const replay = Readable.from(
    (async function* () {
      yield* head;
      for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
    })(),
    { objectMode: false },
  );
  const items =
    first === '['
      ? pipeline(replay, parser.asStream(), streamArray.asStream(), () => {})
      : pipeline(
          replay,
          parser.asStream(),
          pick.asStream({ filter: 'service_requests' }),
          streamArray.asStream(),
          () => {},
        );
  let n = 0;
  try {
    for await (const item of items as AsyncIterable<{ key: number; value: unknown }>) {
      n = item.key + 1;
      yield { row: n, fields: asFields(item.value) };
    }
  } catch (e) {
    throw new ImportFileError(`bad JSON after request ${n}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function asFields(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
