import 'server-only';
/**
 * One handler per Open311 GeoReport v2 endpoint (the dispatcher, open311-dispatch.server.ts, picks
 * one by method and path and renders errors). Each answers in the format the path's suffix asked.
 */
import type { Db } from '@/db/client';
import { listActiveCategories } from '@/db/queries/intake';
import { AppError } from '@/lib/http/errors';
import { publicOrigin } from '@/lib/http/public-origin';
import { enforceRate } from '@/lib/http/rate-store.server';
import { clientAddress } from '@/lib/intake/http';
import { INTAKE_RATE_RULES } from '@/lib/intake/rate-rules';
import { getOpen311Request, listOpen311Requests } from './list-open311-requests.server';
import type { AddressLocation } from './locate-address-string.server';
import {
  OPEN311_DISCOVERY,
  type Open311Format,
  open311ErrorResponse,
  open311Response,
} from './open311-format';
import { toOpen311Services, toServiceDefinition } from './services';
import { submitOpen311Request } from './submit-open311-request.server';

export interface Open311Call {
  request: Request;
  db: Db;
  format: Open311Format;
  /** The path segment after the resource (`services/{code}`, `requests/{id}`). */
  id?: string;
}

export type Open311Handler = (call: Open311Call) => Promise<Response>;

const REQUESTS = { root: 'service_requests', item: 'request' };
/** How an `address_string` without lat/long was located, for the notice. */
const LOCATED_AS = { building: '楼栋', facility: '设施', village: '村/社区', town: '乡镇/街道' } as const;
const BODY_MAX = 64 * 1024;
const JURISDICTIONS = new Set(['panzhihua.gov.cn', '510400']);

/** A `jurisdiction_id` other than the city's answers 404; absent is fine (one jurisdiction). */
export function jurisdictionError(params: URLSearchParams, format: Open311Format): Response | null {
  const j = params.get('jurisdiction_id');
  return j && !JURISDICTIONS.has(j)
    ? open311ErrorResponse(format, 404, [`jurisdiction_id ${j} was not found`])
    : null;
}

/** GET discovery: the endpoints, formats and changeset of this server. */
export const getDiscovery: Open311Handler = async ({ format }) =>
  open311Response(format, OPEN311_DISCOVERY(`${publicOrigin()}/open311/v2`), { root: 'discovery' });

/** GET services: the active categories residents may report under. */
export const listServices: Open311Handler = async ({ db, format }) =>
  open311Response(format, toOpen311Services(await listActiveCategories(db)), {
    root: 'services',
    item: 'service',
  });

/** GET services/{code}: the attributes a request of that service may carry; 404 for an unknown code. */
export const getServiceDefinition: Open311Handler = async ({ db, format, id = '' }) => {
  const services = toOpen311Services(await listActiveCategories(db));
  if (!services.some((s) => s.service_code === id)) {
    return open311ErrorResponse(format, 404, [`service_code ${id} was not found`]);
  }
  return open311Response(format, toServiceDefinition(id), { root: 'service_definition' });
};

function enforceReadRate(request: Request): Promise<void> {
  return enforceRate(`open311:${clientAddress(request)}`, INTAKE_RATE_RULES.open311ReadPerAddress);
}

/** GET requests: one page of public requests (X-Page, X-Page-Size, and a `next` Link when full). */
export const listRequests: Open311Handler = async ({ request, db, format }) => {
  await enforceReadRate(request);
  const url = new URL(request.url);
  const { requests, query } = await listOpen311Requests(db, url.searchParams);
  const headers: Record<string, string> = {
    'x-page': String(query.page),
    'x-page-size': String(query.page_size),
  };
  if (requests.length === query.page_size) {
    const next = new URL(url);
    next.searchParams.set('page', String(query.page + 1));
    headers.link = `<${next.toString()}>; rel="next"`;
  }
  return open311Response(format, requests, REQUESTS, { headers });
};

/** GET requests/{id}: one request by its public number (never the tracking code). */
export const getRequest: Open311Handler = async ({ request, db, format, id = '' }) => {
  await enforceReadRate(request);
  return open311Response(format, [await getOpen311Request(db, id)], REQUESTS);
};

/** POST requests: create a request from a form (201; 200 when its Idempotency-Key was seen with it). */
export const submitRequest: Open311Handler = async ({ request, db, format }) => {
  await enforceRate(`submit:${clientAddress(request)}`, INTAKE_RATE_RULES.submitPerAddress);
  const fields = await readForm(request);
  const wrong = jurisdictionError(fields, format);
  if (wrong) return wrong;
  const phone = fields.get('phone');
  if (phone) await enforceRate(`submit-phone:${phone.replace(/\D/g, '')}`, INTAKE_RATE_RULES.submitPerPhone);
  const result = await submitOpen311Request(db, fields, {
    idempotencyKey: request.headers.get('idempotency-key'),
  });
  // The public id goes on the list; the tracking code (the reporter's secret for /track, rating
  // and reopening) is given here once, in the notice, and published nowhere.
  const body = [
    {
      service_request_id: String(result.id),
      service_notice: `诉求已受理，当日转办、5个工作日内首次答复。查询码 ${result.trackingCode}（凭它和手机号后4位查询、评价，请勿公开）。${locatedNotice(result.located)}`,
      account_id: null,
    },
  ];
  return open311Response(format, body, REQUESTS, {
    status: result.created ? 201 : 200,
    headers: { 'cache-control': 'no-store' },
  });
};

/** Where an `address_string` alone led, for the notice: a centre is said to be approximate. */
function locatedNotice(located: AddressLocation | undefined): string {
  if (!located) return '';
  const approximate = located.precision === 'village' || located.precision === 'town';
  return `按地址定位到${LOCATED_AS[located.precision]}：${located.label}${approximate ? '（中心点，近似位置；请补充详细地址或定位以便关联楼栋）' : ''}。`;
}

const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'application/json']);

/**
 * application/x-www-form-urlencoded (the spec), multipart/form-data, or (an extension) a JSON object
 * of the same fields (`{"service_code":"SD01","lat":26.57,"long":101.77,"attribute":{"anonymous":"true"}}`);
 * 415 otherwise, 413 past 64 KB, 400 for a body that does not parse.
 */
async function readForm(request: Request): Promise<URLSearchParams> {
  const type = request.headers.get('content-type') ?? '';
  const lower = type.split(';')[0]!.trim().toLowerCase();
  if (!FORM_TYPES.has(lower)) {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      'Content-Type must be application/x-www-form-urlencoded, multipart/form-data or application/json',
    );
  }
  if (Number(request.headers.get('content-length') ?? 0) > BODY_MAX) {
    throw new AppError('PAYLOAD_TOO_LARGE', `Body larger than ${BODY_MAX} bytes`);
  }
  const buf = await request.arrayBuffer();
  if (buf.byteLength > BODY_MAX)
    throw new AppError('PAYLOAD_TOO_LARGE', `Body larger than ${BODY_MAX} bytes`);
  if (lower === 'application/x-www-form-urlencoded') {
    return new URLSearchParams(new TextDecoder().decode(buf));
  }
  if (lower === 'application/json') return jsonFields(new TextDecoder().decode(buf));
  const form = await new Response(buf, { headers: { 'content-type': type } }).formData().catch(() => {
    throw new AppError('VALIDATION', 'Malformed multipart body', [
      { path: '', message: 'Malformed form data' },
    ]);
  });
  const out = new URLSearchParams();
  for (const [k, v] of form) if (typeof v === 'string') out.append(k, v);
  return out;
}

/** A JSON object's fields as the form's: strings, numbers and booleans as text, `attribute` as `attribute[code]`. */
function jsonFields(text: string): URLSearchParams {
  const refuse = (message: string): never => {
    throw new AppError('VALIDATION', `body: ${message}`, [{ path: '', message }]);
  };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    refuse('Malformed JSON');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) refuse('A JSON object of request fields');
  const out = new URLSearchParams();
  const scalar = (path: string, v: unknown) => {
    if (v === null || v === undefined) return;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out.append(path, String(v));
    else refuse(`${path}: a string, number or boolean`);
  };
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (key === 'attribute' && value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [code, v] of Object.entries(value)) scalar(`attribute[${code}]`, v);
    } else scalar(key, value);
  }
  return out;
}
