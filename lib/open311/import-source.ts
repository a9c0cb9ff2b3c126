/**
 * Reading a history file for the bulk importer (pure): the mapping file, the header check and the
 * check of one row. Every refusal is a reason a person can act on. The file itself is read as a
 * stream by `read-source-stream.ts`.
 *
 * CSV: UTF-8, RFC 4180 (quotes, doubled quotes, newlines inside quotes), first line a header with
 * the GeoReport v2 field names (or the source's own names, renamed by the mapping's `columns`).
 * Required: `service_request_id`, `service_code`, `status` (`open` | `closed`, any case),
 * `requested_datetime`, `lat`, `long`. Optional: `updated_datetime` (for a closed request, when it
 * was closed), `target_datetime` (the source's own resolution deadline), `service_name`,
 * `description`, `address`, `status_notes`. Other columns are ignored. Date-times are ISO 8601 with
 * an offset (`Z`, `+08:00`); without one, the mapping's `utcOffset` applies (else the row is refused).
 *
 * Mapping file (JSON):
 * ```json
 * { "source": "chicago",             // names the source; kept ids become `import:chicago:<id>`
 *   "datum": "wgs84",                // datum of the source coordinates (default wgs84)
 *   "services": { "<their service_code>": "<our level-2 category code>", … },
 *   "fallback": "QT03",              // optional: category for codes not listed (else refused)
 *   "columns": { "target_datetime": "TARGET_DT" },  // optional: our field ← their column name
 *   "utcOffset": "-05:00" }          // optional: offset of date-times written without one
 * ```
 */
import { z } from 'zod';
import { DATUM_VALUES } from '@/lib/intake/submit-input';

/** The fields the importer reads, by their GeoReport v2 names. */
export const SOURCE_FIELDS = [
  'service_request_id',
  'service_code',
  'service_name',
  'status',
  'requested_datetime',
  'updated_datetime',
  'target_datetime',
  'lat',
  'long',
  'description',
  'address',
  'status_notes',
] as const;
export type SourceField = (typeof SOURCE_FIELDS)[number];

export const REQUIRED_FIELDS: readonly SourceField[] = [
  'service_request_id',
  'service_code',
  'status',
  'requested_datetime',
  'lat',
  'long',
];

export const importMapping = z
  .object({
    source: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, 'lowercase letters, digits, - and _'),
    datum: z.enum(DATUM_VALUES).default('wgs84'),
    services: z.record(z.string().min(1), z.string().regex(/^[A-Z]{2}\d{2}$/, 'a level-2 category code')),
    fallback: z
      .string()
      .regex(/^[A-Z]{2}\d{2}$/)
      .optional(),
    /** Our field name → the source's column (or JSON key) holding it. */
    columns: z.partialRecord(z.enum(SOURCE_FIELDS), z.string().min(1)).optional(),
    /** Offset of date-times written without one, e.g. "+08:00" or "-05:00". */
    utcOffset: z
      .string()
      .regex(/^[+-]\d{2}:\d{2}$/, '±hh:mm')
      .optional(),
    description: z.string().optional(),
  })
  .strict();

export type ImportMapping = z.output<typeof importMapping>;

/** The source's name for one of our fields (the mapping's `columns`, else the GeoReport v2 name). */
export function columnOf(mapping: ImportMapping, field: SourceField): string {
  return mapping.columns?.[field] ?? field;
}

/** The required columns a CSV header lacks (after the mapping's renames), in their source names. */
export function missingColumns(header: readonly string[], mapping: ImportMapping): string[] {
  const names = new Set(header.map((h) => h.trim()));
  return REQUIRED_FIELDS.map((f) => columnOf(mapping, f)).filter((c) => !names.has(c));
}

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
  /** The source's resolution deadline (`target_datetime`), if it gave one. */
  targetAt: Date | null;
  /** Seconds the closing time lay before the opening time (clock skew), clamped to 0; else null. */
  clampedSkewSeconds: number | null;
  lng: number;
  lat: number;
  title: string;
  description: string;
  address: string | null;
  statusNotes: string | null;
}

/** A row the importer refused, with the reason a person can act on. */
export interface Refusal {
  row: number;
  sourceId: string | null;
  reason: string;
}

export interface CheckOptions {
  now: Date;
  /** A closing time at most this many seconds before the opening time is clock skew (default 120). */
  clockSkewSeconds?: number;
}

export const DEFAULT_CLOCK_SKEW_SECONDS = 120;

const str = (v: unknown): string | null => {
  if (v === null || v === undefined) return null;
  const s = String(v).trim();
  return s === '' ? null : s;
};

const DESCRIPTION_MAX = 4000;

/** Check one row against the mapping; `now` is an argument (dates in the future are refused). */
export function checkRow(r: SourceRow, mapping: ImportMapping, options: CheckOptions): ImportRow | Refusal {
  const { now } = options;
  const skew = options.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS;
  const get = (field: SourceField) => r.fields[columnOf(mapping, field)];
  const date = (field: SourceField) => toDate(get(field), mapping.utcOffset);
  const sourceId = str(get('service_request_id'));
  const refuse = (reason: string): Refusal => ({ row: r.row, sourceId, reason });
  if (!sourceId) return refuse('missing service_request_id');
  if (sourceId.length > 100) return refuse('service_request_id longer than 100 characters');
  const code = str(get('service_code'));
  if (!code) return refuse('missing service_code');
  const categoryCode = mapping.services[code] ?? mapping.fallback;
  if (!categoryCode) return refuse(`unmapped service_code "${code}"`);
  const rawStatus = str(get('status'));
  const status = rawStatus?.toLowerCase();
  if (status !== 'open' && status !== 'closed')
    return refuse(`bad status "${rawStatus ?? ''}" (open or closed)`);

  const lat = toCoordinate(get('lat'));
  const lng = toCoordinate(get('long'));
  if (lat === null || lng === null) return refuse('bad coordinates: lat and long must be numbers');
  if (Math.abs(lat) > 90 || Math.abs(lng) > 180)
    return refuse(`bad coordinates: ${lat}, ${lng} out of range`);

  const requestedAt = date('requested_datetime');
  if (!requestedAt) return refuse(`bad requested_datetime "${str(get('requested_datetime')) ?? ''}"`);
  if (requestedAt > now) return refuse('requested_datetime in the future');
  const updatedRaw = str(get('updated_datetime'));
  let updatedAt = updatedRaw ? date('updated_datetime') : requestedAt;
  if (!updatedAt) return refuse(`bad updated_datetime "${updatedRaw}"`);
  let clampedSkewSeconds: number | null = null;
  if (updatedAt < requestedAt) {
    const early = (requestedAt.getTime() - updatedAt.getTime()) / 1000;
    if (early > skew)
      return refuse(`updated_datetime before requested_datetime (by ${formatSeconds(early)})`);
    clampedSkewSeconds = early;
    updatedAt = requestedAt;
  }
  if (updatedAt > now) return refuse('updated_datetime in the future');
  const targetRaw = str(get('target_datetime'));
  const targetAt = targetRaw ? date('target_datetime') : null;
  if (targetRaw && !targetAt) return refuse(`bad target_datetime "${targetRaw}"`);

  const serviceName = str(get('service_name'));
  const description =
    str(get('description')) ?? serviceName ?? `Imported ${mapping.source} request ${sourceId}`;
  if (description.length > DESCRIPTION_MAX)
    return refuse(`description longer than ${DESCRIPTION_MAX} characters`);
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
    targetAt,
    clampedSkewSeconds,
    lng,
    lat,
    title,
    description,
    address: str(get('address')),
    statusNotes: str(get('status_notes')),
  };
}

export type ImportAs = 'history' | 'live';

/** `--as`: every row as history, every row live, or by age (history when older than `historyAfterDays`). */
export type ImportAsOption = ImportAs | 'auto';

export const DEFAULT_HISTORY_AFTER_DAYS = 30;

/**
 * How a checked row is written. Closed rows are finished either way; an open row continues in today's
 * workflow only when live. `auto`: a row requested more than `historyAfterDays` days before `now`
 * is history.
 */
export function importAsOf(
  row: Pick<ImportRow, 'requestedAt'>,
  option: ImportAsOption,
  now: Date,
  historyAfterDays = DEFAULT_HISTORY_AFTER_DAYS,
): ImportAs {
  if (option !== 'auto') return option;
  return now.getTime() - row.requestedAt.getTime() > historyAfterDays * 86_400_000 ? 'history' : 'live';
}

function formatSeconds(s: number): string {
  if (s < 120) return `${Math.round(s)} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  if (s < 172_800) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86_400)} days`;
}

function toCoordinate(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  const s = str(v);
  if (s === null || !/^[-+]?\d+(\.\d+)?$/.test(s)) return null;
  return Number(s);
}

const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const WITHOUT_OFFSET = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/**
 * ISO 8601 date-time with a time zone (Z or ±hh:mm); without one, only when the mapping gives the
 * source's `utcOffset`. Anything else is refused.
 */
function toDate(v: unknown, utcOffset: string | undefined): Date | null {
  const s = str(v);
  if (!s) return null;
  let iso: string;
  if (WITH_OFFSET.test(s)) iso = s.replace(' ', 'T');
  else if (utcOffset && WITHOUT_OFFSET.test(s)) iso = `${s.replace(' ', 'T')}${utcOffset}`;
  else return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}
