/**
 * Open311 GeoReport v2 wire formats (pure): JSON is the Spark-convention mapping of the XML, so one
 * value renders to both. XML is UTF-8 with the declaration, no namespace, `text/xml` as the spec asks.
 */
import { XMLBuilder } from 'fast-xml-parser';

export type Open311Format = 'json' | 'xml';

export const OPEN311_CONTENT_TYPE: Record<Open311Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

const builder = new XMLBuilder({ format: true, indentBy: '  ', suppressEmptyNode: true });

/** null → absent element (suppressed), booleans and numbers as text. */
function clean(value: unknown): unknown {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(clean);
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, clean(v)]),
    );
  }
  return value;
}

/**
 * `root` wraps the list; `item` names each element (`services`/`service`,
 * `service_requests`/`request`, `errors`/`error`). Nested arrays name their items by `nested`
 * (`attributes` → `attribute`, `values` → `value`, `formats` → `format`, `endpoints` → `endpoint`).
 */
export function toXml(root: string, body: unknown, item?: string): string {
  const wrapped = item ? { [root]: { [item]: nestArrays(body) } } : { [root]: nestArrays(body) };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(clean(wrapped))}`;
}

const NESTED_ITEM: Record<string, string> = {
  attributes: 'attribute',
  values: 'value',
  formats: 'format',
  endpoints: 'endpoint',
};

function nestArrays(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(nestArrays);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => {
      const child = NESTED_ITEM[k];
      return [k, Array.isArray(v) && child ? { [child]: v.map(nestArrays) } : nestArrays(v)];
    }),
  );
}

export function open311Response(
  format: Open311Format,
  body: unknown,
  xml: { root: string; item?: string },
  init: { status?: number; headers?: Record<string, string> } = {},
): Response {
  const text = format === 'json' ? JSON.stringify(body) : toXml(xml.root, body, xml.item);
  return new Response(text, {
    status: init.status ?? 200,
    headers: { 'content-type': OPEN311_CONTENT_TYPE[format], ...init.headers },
  });
}

export interface Open311Error {
  code: number;
  description: string;
}

/** The spec's error body: a list of {code, description}; code is the HTTP status. */
export function open311ErrorResponse(
  format: Open311Format,
  status: number,
  descriptions: string[],
  headers?: Record<string, string>,
): Response {
  const body: Open311Error[] = descriptions.map((description) => ({ code: status, description }));
  return open311Response(format, body, { root: 'errors', item: 'error' }, { status, headers });
}

/**
 * Changes when the service list or the attribute definitions change (clients refresh caches).
 * ISO 8601 with offset, in the past (the open311-validator checks both).
 */
export const OPEN311_CHANGESET = '2026-05-01T00:00:00+08:00';

/** Service Discovery for this endpoint (`discovery.json` / `.xml`). */
export function OPEN311_DISCOVERY(endpointUrl: string) {
  return {
    changeset: OPEN311_CHANGESET,
    contact: '攀枝花市群众诉求服务平台（12345 热线）/ Panzhihua public complaints platform (hotline 12345)',
    key_service:
      'No API key is needed: api_key is accepted and ignored. Rate limits apply per client address.',
    endpoints: [
      {
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: endpointUrl,
        changeset: OPEN311_CHANGESET,
        type: 'production',
        formats: ['text/xml', 'application/json'],
      },
    ],
  };
}
