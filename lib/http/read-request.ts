/**
 * The one request reader for route handlers: path segments, query strings and JSON bodies are
 * decoded and checked here, once, so that nothing malformed reaches a verb or PostgreSQL.
 *
 * - text anywhere (path, query, JSON strings and keys) must be plain text: no NUL, no unpaired
 *   surrogate (PostgreSQL cannot store either), else 400 VALIDATION;
 * - a path or query with bad percent-encoding (`%ff`, `%zz`) is 400 VALIDATION;
 * - a JSON body: 415 unless application/json (or none declared), 413 past the cap (64 KB unless
 *   a route says otherwise), 400 when not UTF-8 or not JSON; an empty body is `{}` only where the
 *   route allows it.
 * Pure (Web APIs only), so it runs in route handlers, proxy.ts and tests alike.
 */
import { AppError } from './errors';
import { PLAIN_TEXT } from './plain-text';
import { requestProblem } from './request-guard.mjs';

export const JSON_MAX_BYTES = 64 * 1024;

function invalid(path: string, message: string): AppError {
  return new AppError('VALIDATION', `${path || '(body)'}: ${message}`, [{ path, message }]);
}

const NOT_PLAIN = 'Must not contain NUL characters or unpaired surrogates';

/** Check the method and the whole URL (every path segment, query name and value); throws AppError. */
export function checkRequestUrl(url: string, method = 'GET'): void {
  const problem = requestProblem(method, url);
  if (problem) {
    throw new AppError(
      problem.code,
      problem.message,
      problem.path ? [{ path: problem.path, message: problem.message }] : undefined,
    );
  }
}

/** The query parameters, checked (see checkRequestUrl). */
export function readQuery(request: Request): URLSearchParams {
  checkRequestUrl(request.url, request.method);
  return new URL(request.url).searchParams;
}

/** Route params, each checked as plain text (Next.js hands them over decoded). */
export async function readParams<T extends Record<string, string | string[]>>(context: {
  params: Promise<T>;
}): Promise<T> {
  const params = await context.params;
  for (const [name, value] of Object.entries(params)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (!PLAIN_TEXT.test(v)) throw invalid(name, NOT_PLAIN);
    }
  }
  return params;
}

/** Every string and key in a parsed JSON value is plain text; throws VALIDATION naming the path. */
export function checkJsonText(value: unknown, path = ''): void {
  if (typeof value === 'string') {
    if (!PLAIN_TEXT.test(value)) throw invalid(path, NOT_PLAIN);
  } else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) checkJsonText(v, path ? `${path}.${i}` : String(i));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (!PLAIN_TEXT.test(k))
        throw invalid(path, 'A key must not contain NUL characters or unpaired surrogates');
      checkJsonText(v, path ? `${path}.${k}` : k);
    }
  }
}

export interface ReadJsonOptions {
  maxBytes?: number;
  /** An empty body reads as `{}` (routes whose every field is optional). */
  optional?: boolean;
  /** Only application/json (the public API: a declared type is part of the contract). */
  requireType?: boolean;
}

/** Read, cap, decode and check a JSON body; the value is for the route's zod schema. */
export async function readJson(request: Request, options: ReadJsonOptions = {}): Promise<unknown> {
  const maxBytes = options.maxBytes ?? JSON_MAX_BYTES;
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if ((type || options.requireType) && type !== 'application/json' && !type.endsWith('+json')) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Content-Type must be application/json');
  }
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > maxBytes) throw new AppError('PAYLOAD_TOO_LARGE', `Body larger than ${maxBytes} bytes`);
  const bytes = await readCapped(request, maxBytes);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw invalid('', 'Body is not UTF-8');
  }
  if (text.trim() === '') {
    if (options.optional) return {};
    throw invalid('', 'A JSON body is required');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid('', 'Malformed JSON');
  }
  checkJsonText(value);
  return value;
}

/** The body's bytes, refusing (413) as soon as it passes `maxBytes`, without reading the rest. */
async function readCapped(request: Request, maxBytes: number): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new AppError('PAYLOAD_TOO_LARGE', `Body larger than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
