/**
 * The one way into the app's API from the browser. Every client call goes through `request`
 * (JSON in, JSON out) or `requestResponse` (a stream or a file); a failure is always one
 * `ApiError` carrying the server's `{error:{code,message,fields}}` and the HTTP status, so a
 * component decides what to show from the code, never from a status or a message text.
 *
 * Same-origin `fetch` (the browser marks it; the route wrapper checks it on every write).
 * Components never call `fetch` themselves (a Biome override in biome.json forbids it); the
 * fetchers, query keys and hooks of each capability live beside this file.
 */

/** A problem the server found in one input field (`path` is dotted: `location.lng`). */
export interface FieldIssue {
  path: string;
  message: string;
}

/** `status` 0 and code `NETWORK`: no answer. An answer without an error body: code `INTERNAL`. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    /** The HTTP status; 0 when the server was not reached. */
    readonly status: number,
    /** The server's code (VALIDATION, NOT_FOUND, CONFLICT, …), or NETWORK / INTERNAL (above). */
    readonly code: string,
    /** The server's message as it sent it, or undefined when it sent none. */
    readonly serverMessage: string | undefined,
    readonly fields: FieldIssue[] = [],
    fallback = `${status}`,
  ) {
    super(serverMessage ?? fallback);
  }
}

/** The server's message, or `fallback` (a translated text) when it sent none or was not reached. */
export function messageOf(error: unknown, fallback: string): string {
  return error instanceof ApiError ? (error.serverMessage ?? fallback) : fallback;
}

/** A call's outcome as a value, for forms that show an error rather than throw it. */
export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON (a FormData goes as multipart). */
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/**
 * The request, answered with a 2xx `Response` (its body unread), or an `ApiError`. An abort
 * rethrows the `AbortError` as it is, so callers can tell it from a failure.
 */
export async function requestResponse(url: string, options: RequestOptions = {}): Promise<Response> {
  const { method = 'GET', body, headers = {}, signal } = options;
  const isForm = typeof FormData !== 'undefined' && body instanceof FormData;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: body === undefined || isForm ? headers : { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
      signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', undefined, [], 'NETWORK');
  }
  if (!response.ok) throw await errorOf(response);
  return response;
}

/** The request's JSON answer (null for 204 or an empty body), or an `ApiError`. */
export async function request<T>(url: string, options?: RequestOptions): Promise<T> {
  const response = await requestResponse(url, options);
  const text = await response.text();
  return (text ? JSON.parse(text) : null) as T;
}

/** GET JSON. */
export const getJson = <T>(url: string, signal?: AbortSignal): Promise<T> => request<T>(url, { signal });

/** `request` as a value: `{ ok: false, error }` instead of a throw (a non-API error still throws). */
export async function settle<T>(promise: Promise<T>): Promise<ApiResult<T>> {
  try {
    return { ok: true, data: await promise };
  } catch (e) {
    if (e instanceof ApiError) return { ok: false, error: e };
    throw e;
  }
}

/** An error answer as an `ApiError` (the body need not be JSON). */
export async function errorOf(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => null)) as {
    error?: { code?: string; message?: string; fields?: FieldIssue[] };
  } | null;
  const error = body?.error;
  return new ApiError(
    response.status,
    error?.code ?? 'INTERNAL',
    error?.message,
    error?.fields ?? [],
    `${response.status} ${response.statusText}`.trim(),
  );
}

/** An XMLHttpRequest's answer as an `ApiError` (uploads use XHR: fetch has no upload progress). */
export function errorOfXhr(xhr: XMLHttpRequest): ApiError {
  if (xhr.status === 0) return new ApiError(0, 'NETWORK', undefined, [], 'NETWORK');
  let body: { error?: { code?: string; message?: string; fields?: FieldIssue[] } } | null = null;
  try {
    body = JSON.parse(xhr.responseText);
  } catch {
    // not JSON: the status speaks
  }
  return new ApiError(
    xhr.status,
    body?.error?.code ?? 'INTERNAL',
    body?.error?.message,
    body?.error?.fields ?? [],
    `${xhr.status} ${xhr.statusText}`.trim(),
  );
}

/** POST JSON; the answer, or an `ApiError`. */
export const postJson = <T>(url: string, body: unknown, headers?: Record<string, string>): Promise<T> =>
  request<T>(url, { method: 'POST', body, headers });

/** Send JSON (no body when `body` is undefined) and get the outcome as a value: forms show the error. */
export const send = <T>(
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  body?: unknown,
): Promise<ApiResult<T>> => settle(request<T>(url, { method, body }));
