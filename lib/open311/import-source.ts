/**
 * Reading a history file for the bulk importer (pure): GeoReport v2 JSON or CSV, the mapping file,
 * and the check of one row. Every refusal is a reason a person can act on.
 *
 * CSV: UTF-8, RFC 4180 (quotes, doubled quotes, newlines inside quotes), first line a header with
 * the GeoReport v2 field names. Required: `service_request_id`, `service_code`, `status`
 * (`open` | `closed`), `requested_datetime` (ISO 8601 with offset), `lat`, `long`. Optional:
 * `updated_datetime` (for a closed request, when it was closed), `service_name`, `description`,
 * `address`, `status_notes`. Other columns are ignored.
 *
 * Mapping file (JSON):
 * ```json
 * { "source": "chicago",             // names the source; kept ids become `import:chicago:<id>`
 *   "datum": "wgs84",                // datum of the source coordinates (default wgs84)
 *   "services": { "<their service_code>": "<our level-2 category code>", … },
 *   "fallback": "QT03" }             // optional: category for codes not listed (else refused)
 * ```
 */
import { z } from 'zod';
import { DATUM_VALUES } from '@/lib/intake/submit-input';

export const importMapping = z
  .object({
    source: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'lowercase letters, digits, - and _'),
    datum: z.enum(DATUM_VALUES).default('wgs84'),
    services: z.record(z.string().min(1), z.string().regex(/^[A-Z]{2}\d{2}$/, 'a level-2 category code')),
    fallback: z
      .string()
      .regex(/^[A-Z]{2}\d{2}$/)
      .optional(),
    description: z.string().optional(),
  })
  .strict();

export type ImportMapping = z.output<typeof importMapping>;

/** One row as found in the file (strings or numbers, unchecked), with its 1-based position. */
export interface SourceRow {
  row: number;
  fields: Record<string, unknown>;
}

/** A checked row, ready to load (coordinates still in the source datum). */
export interface ImportRow {
  row: number;
  sourceId: string;
  sourceServiceCode: string;
  categoryCode: string;
  status: 'open' | 'closed';
  requestedAt: Date;
  updatedAt: Date;
  lng: number;
  lat: number;
  title: string;
  description: string;
  address: string | null;
  statusNotes: string | null;
}

export interface Rejection {
  row: number;
  sourceId: string | null;
  reason: string;
}

export function readSourceRows(text: string, format: 'json' | 'csv'): SourceRow[] {
  if (format === 'json') {
    const data: unknown = JSON.parse(text);
    const list = Array.isArray(data) ? data : (data as { service_requests?: unknown })?.service_requests;
    if (!Array.isArray(list)) throw new Error('Expected a GeoReport v2 JSON array of requests');
    return list.map((fields, i) => ({
      row: i + 1,
      fields: fields && typeof fields === 'object' ? (fields as Record<string, unknown>) : {},
    }));
  }
  const [header, ...records] = parseCsv(text.replace(/^\uFEFF/, ''));
  if (!header) return [];
  const names = header.map((h) => h.trim());
  for (const required of [
    'service_request_id',
    'service_code',
    'status',
    'requested_datetime',
    'lat',
    'long',
  ]) {
    if (!names.includes(required)) throw new Error(`CSV header lacks the column "${required}"`);
  }
  return records
    .map((cells, i) => ({ row: i + 2, fields: Object.fromEntries(names.map((n, j) => [n, cells[j] ?? ''])) }))
    .filter((r) => Object.values(r.fields).some((v) => v !== ''));
}

/** RFC 4180 CSV → rows of cells. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

const str = (v: unknown): string | null => {
  if (v === null || v === undefined) return null;
  const s = String(v).trim();
  return s === '' ? null : s;
};

const DESCRIPTION_MAX = 4000;

/** Check one row against the mapping; `now` is an argument (dates in the future are refused). */
export function checkRow(r: SourceRow, mapping: ImportMapping, now: Date): ImportRow | Rejection {
  const f = r.fields;
  const sourceId = str(f.service_request_id);
  const reject = (reason: string): Rejection => ({ row: r.row, sourceId, reason });
  if (!sourceId) return reject('missing service_request_id');
  if (sourceId.length > 100) return reject('service_request_id longer than 100 characters');
  const code = str(f.service_code);
  if (!code) return reject('missing service_code');
  const categoryCode = mapping.services[code] ?? mapping.fallback;
  if (!categoryCode) return reject(`unmapped service_code "${code}"`);
  const status = str(f.status);
  if (status !== 'open' && status !== 'closed')
    return reject(`bad status "${status ?? ''}" (open or closed)`);

  const lat = toCoordinate(f.lat);
  const lng = toCoordinate(f.long);
  if (lat === null || lng === null) return reject('bad coordinates: lat and long must be numbers');
  if (Math.abs(lat) > 90 || Math.abs(lng) > 180)
    return reject(`bad coordinates: ${lat}, ${lng} out of range`);

  const requestedAt = toDate(f.requested_datetime);
  if (!requestedAt) return reject(`bad requested_datetime "${str(f.requested_datetime) ?? ''}"`);
  if (requestedAt > now) return reject('requested_datetime in the future');
  const updatedRaw = str(f.updated_datetime);
  const updatedAt = updatedRaw ? toDate(updatedRaw) : requestedAt;
  if (!updatedAt) return reject(`bad updated_datetime "${updatedRaw}"`);
  if (updatedAt < requestedAt) return reject('updated_datetime before requested_datetime');
  if (updatedAt > now) return reject('updated_datetime in the future');

  const serviceName = str(f.service_name);
  const description = str(f.description) ?? serviceName ?? `Imported ${mapping.source} request ${sourceId}`;
  if (description.length > DESCRIPTION_MAX)
    return reject(`description longer than ${DESCRIPTION_MAX} characters`);
  const title = Array.from(serviceName ?? description)
    .slice(0, 80)
    .join('');
  return {
    row: r.row,
    sourceId,
    sourceServiceCode: code,
    categoryCode,
    status,
    requestedAt,
    updatedAt,
    lng,
    lat,
    title,
    description,
    address: str(f.address),
    statusNotes: str(f.status_notes),
  };
}

function toCoordinate(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  const s = str(v);
  if (s === null || !/^[-+]?\d+(\.\d+)?$/.test(s)) return null;
  return Number(s);
}

/** ISO 8601 date-time with a time zone (Z or ±hh:mm); anything else is refused. */
function toDate(v: unknown): Date | null {
  const s = str(v);
  if (!s || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(s)) return null;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
}
