import { connection } from 'next/server';
import { getDb } from '@/db/client';
import { listActiveCategories } from '@/db/queries/intake';
import { AppError, toAppError } from '@/lib/http/errors';
import { publicOrigin } from '@/lib/http/public-origin';
import { enforceRate } from '@/lib/http/rate-store.server';
import { clientAddress } from '@/lib/intake/http';
import { INTAKE_RATE_RULES } from '@/lib/intake/rate-rules';
import { getOpen311Request, listOpen311Requests } from '@/lib/open311/list-open311-requests.server';
import {
  OPEN311_DISCOVERY,
  type Open311Format,
  open311ErrorResponse,
  open311Response,
} from '@/lib/open311/open311-format';
import { toOpen311Services, toServiceDefinition } from '@/lib/open311/services';
import { submitOpen311Request } from '@/lib/open311/submit-open311-request.server';

/**
 * Open311 GeoReport v2 at /open311/v2/… in JSON and XML (the suffix picks): services, services/{code},
 * requests (GET list, POST create), requests/{id} (id = the public number, never the tracking code), discovery. A catch-all route,
 * since a Next.js dynamic segment cannot carry a suffix (`[code].json`). Errors are the spec's
 * `errors` list with the HTTP status as code.
 */
type Context = { params: Promise<{ path: string[] }> };

const BODY_MAX = 64 * 1024;

function resource(path: string[]): { parts: string[]; format: Open311Format } | null {
  const last = path[path.length - 1] ?? '';
  const m = /^(.+)\.(json|xml)$/.exec(last);
  if (!m) return null;
  return { parts: [...path.slice(0, -1), m[1]!], format: m[2] as Open311Format };
}

const JURISDICTIONS = new Set(['panzhihua.gov.cn', '510400']);

function checkJurisdiction(params: URLSearchParams, format: Open311Format): Response | null {
  const j = params.get('jurisdiction_id');
  return j && !JURISDICTIONS.has(j)
    ? open311ErrorResponse(format, 404, [`jurisdiction_id ${j} was not found`])
    : null;
}

export async function GET(request: Request, context: Context) {
  await connection();
  const r = resource((await context.params).path);
  if (!r) return open311ErrorResponse('json', 404, ['Unknown resource; add .json or .xml']);
  const { parts, format } = r;
  const url = new URL(request.url);
  try {
    const wrong = checkJurisdiction(url.searchParams, format);
    if (wrong) return wrong;
    const [head, id, ...rest] = parts;
    if (rest.length > 0) return open311ErrorResponse(format, 404, ['Unknown resource']);
    if (head === 'discovery' && !id) {
      return open311Response(format, OPEN311_DISCOVERY(`${publicOrigin()}/open311/v2`), {
        root: 'discovery',
      });
    }
    if (head === 'services') {
      const services = toOpen311Services(await listActiveCategories(await getDb()));
      if (!id) return open311Response(format, services, { root: 'services', item: 'service' });
      if (!services.some((s) => s.service_code === id)) {
        return open311ErrorResponse(format, 404, [`service_code ${id} was not found`]);
      }
      return open311Response(format, toServiceDefinition(id), { root: 'service_definition' });
    }
    if (head === 'requests') {
      await enforceRate(`open311:${clientAddress(request)}`, INTAKE_RATE_RULES.open311ReadPerAddress);
      const db = await getDb();
      if (id) {
        const one = await getOpen311Request(db, id);
        return open311Response(format, [one], { root: 'service_requests', item: 'request' });
      }
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
      return open311Response(format, requests, { root: 'service_requests', item: 'request' }, { headers });
    }
    return open311ErrorResponse(format, 404, ['Unknown resource']);
  } catch (error) {
    return errorResponse(format, error);
  }
}

export async function POST(request: Request, context: Context) {
  await connection();
  const r = resource((await context.params).path);
  if (r?.parts.length !== 1 || r.parts[0] !== 'requests') {
    return open311ErrorResponse(r?.format ?? 'json', 404, ['Only requests.json or requests.xml accept POST']);
  }
  const { format } = r;
  try {
    await enforceRate(`submit:${clientAddress(request)}`, INTAKE_RATE_RULES.submitPerAddress);
    const fields = await readForm(request);
    const wrong = checkJurisdiction(fields, format);
    if (wrong) return wrong;
    const phone = fields.get('phone');
    if (phone)
      await enforceRate(`submit-phone:${phone.replace(/\D/g, '')}`, INTAKE_RATE_RULES.submitPerPhone);
    const result = await submitOpen311Request(await getDb(), fields, {
      idempotencyKey: request.headers.get('idempotency-key'),
    });
    // The public id goes on the list; the tracking code (the reporter's secret for /track, rating
    // and reopening) is given here once, in the notice, and published nowhere.
    const body = [
      {
        service_request_id: String(result.id),
        service_notice: `诉求已受理，当日转办、5个工作日内首次答复。查询码 ${result.trackingCode}（凭它和手机号后4位查询、评价，请勿公开）。`,
        account_id: null,
      },
    ];
    return open311Response(
      format,
      body,
      { root: 'service_requests', item: 'request' },
      {
        status: result.created ? 201 : 200,
        headers: { 'cache-control': 'no-store' },
      },
    );
  } catch (error) {
    return errorResponse(format, error);
  }
}

/** application/x-www-form-urlencoded (the spec) or multipart/form-data; 415 otherwise, 413 past 64 KB. */
async function readForm(request: Request): Promise<URLSearchParams> {
  const type = request.headers.get('content-type') ?? '';
  const lower = type.split(';')[0]!.trim().toLowerCase();
  if (lower !== 'application/x-www-form-urlencoded' && lower !== 'multipart/form-data') {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Content-Type must be application/x-www-form-urlencoded');
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
  const form = await new Response(buf, { headers: { 'content-type': type } }).formData().catch(() => {
    throw new AppError('VALIDATION', 'Malformed multipart body', [
      { path: '', message: 'Malformed form data' },
    ]);
  });
  const out = new URLSearchParams();
  for (const [k, v] of form) if (typeof v === 'string') out.append(k, v);
  return out;
}

function errorResponse(format: Open311Format, error: unknown): Response {
  const e = toAppError(error);
  if (e.code === 'INTERNAL') console.error(error);
  const status = {
    VALIDATION: 400,
    NOT_FOUND: 404,
    METHOD_NOT_ALLOWED: 405,
    CONFLICT: 409,
    PAYLOAD_TOO_LARGE: 413,
    UNSUPPORTED_MEDIA_TYPE: 415,
    RATE_LIMITED: 429,
    UNAUTHENTICATED: 403,
    FORBIDDEN: 403,
    INTERNAL: 500,
    UNAVAILABLE: 503,
  }[e.code];
  const descriptions = e.fields?.length
    ? e.fields.map((f) => `${e.code} ${f.path || '(body)'}: ${f.message}`)
    : [`${e.code}: ${e.message}`];
  return open311ErrorResponse(format, status, descriptions, e.headers);
}
