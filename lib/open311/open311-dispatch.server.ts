import 'server-only';
/**
 * Open311 GeoReport v2 at /open311/v2/… in JSON and XML (the suffix picks): one catch-all route,
 * since a Next.js dynamic segment cannot carry a suffix (`[code].json`), dispatching by method and
 * path to one handler per endpoint (open311-handlers.server.ts). Errors are the spec's `errors`
 * list with the HTTP status as code.
 */
import { z } from 'zod';
import { toAppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route.server';
import { type Open311Format, open311ErrorResponse } from './open311-format';
import {
  getDiscovery,
  getRequest,
  getServiceDefinition,
  jurisdictionError,
  listRequests,
  listServices,
  type Open311Handler,
  submitRequest,
} from './open311-handlers.server';

type Method = 'GET' | 'POST';

/** `resource` or `resource/{id}` → its handler, per method. */
const ENDPOINTS: Record<Method, Map<string, Open311Handler>> = {
  GET: new Map([
    ['discovery', getDiscovery],
    ['services', listServices],
    ['services/{id}', getServiceDefinition],
    ['requests', listRequests],
    ['requests/{id}', getRequest],
  ]),
  POST: new Map([['requests', submitRequest]]),
};

/** The path without its `.json` / `.xml` suffix, and the format the suffix names; null without one. */
export function parseOpen311Path(path: string[]): { parts: string[]; format: Open311Format } | null {
  const last = path[path.length - 1] ?? '';
  const m = /^(.+)\.(json|xml)$/.exec(last);
  if (!m) return null;
  return { parts: [...path.slice(0, -1), m[1]!], format: m[2] as Open311Format };
}

const params = z.object({ path: z.array(z.string()) });

/** The route handler of one method: public, no same-origin check (other sites' clients are the point). */
export function open311Route(method: Method) {
  return route({ auth: 'public', sameOrigin: false, params }, async ({ request, db, params }) => {
    const r = parseOpen311Path(params.path);
    if (method === 'POST' && (r?.parts.length !== 1 || r.parts[0] !== 'requests')) {
      return open311ErrorResponse(r?.format ?? 'json', 404, [
        'Only requests.json or requests.xml accept POST',
      ]);
    }
    if (!r) return open311ErrorResponse('json', 404, ['Unknown resource; add .json or .xml']);
    const { parts, format } = r;
    try {
      // A read's jurisdiction is in its query; a submission's in its form (checked by its handler).
      const wrong = method === 'GET' ? jurisdictionError(new URL(request.url).searchParams, format) : null;
      if (wrong) return wrong;
      const [resource, id, ...rest] = parts;
      const handler =
        rest.length === 0 ? ENDPOINTS[method].get(id ? `${resource}/{id}` : resource!) : undefined;
      if (!handler) return open311ErrorResponse(format, 404, ['Unknown resource']);
      return await handler({ request, db, format, id });
    } catch (error) {
      return errorResponse(format, error);
    }
  });
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
