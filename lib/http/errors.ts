/** One error type, one mapping to HTTP. Every route handler answers errors through `toErrorResponse`. */
import { ZodError } from 'zod';
import { jsonResponse } from './json-response';

export const ERROR_STATUS = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  /** A dependency the server needs is missing or down (e.g. the PDF engine). */
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface FieldIssue {
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldIssue[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; fields?: FieldIssue[] };
}

export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) {
    const fields = error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    return new AppError(
      'VALIDATION',
      fields.map((f) => `${f.path || '(body)'}: ${f.message}`).join('; '),
      fields,
    );
  }
  // PostgreSQL's data exceptions (SQLSTATE class 22: a NUL or bad byte, a number or date out of
  // range, text that is not the type) are the input's fault: 400, never a 500. The request reader
  // (read-request.ts) refuses most of them first; this is the net under every query.
  const sqlState = sqlStateOf(error);
  if (sqlState?.startsWith('22')) {
    return new AppError('VALIDATION', 'A value in the request cannot be stored or compared', [
      { path: '', message: `Malformed value (SQLSTATE ${sqlState})` },
    ]);
  }
  return new AppError('INTERNAL', 'Internal error');
}

function sqlStateOf(error: unknown): string | null {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}

export function toErrorResponse(error: unknown): Response {
  const appError = toAppError(error);
  if (appError.code === 'INTERNAL') console.error(error);
  const body: ErrorBody = {
    error: {
      code: appError.code,
      message: appError.message,
      ...(appError.fields ? { fields: appError.fields } : {}),
    },
  };
  return jsonResponse(body, { status: ERROR_STATUS[appError.code], headers: appError.headers });
}
