/**
 * Small HTTP helpers for the public intake API: the client address used for rate limits and a
 * JSON body reader that tells wrong content types, oversized and malformed bodies apart.
 */
import { AppError } from '@/lib/http/errors';

/** The client address for rate limits: see lib/http/client-address.ts (trusted proxies, the socket). */
export { clientAddress } from '@/lib/http/client-address';

export const JSON_BODY_MAX_BYTES = 64 * 1024;

/** Read a JSON body: 415 unless application/json, 413 past `maxBytes`, VALIDATION when malformed. */
export async function readJsonBody(request: Request, maxBytes = JSON_BODY_MAX_BYTES): Promise<unknown> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Content-Type must be application/json');
  }
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > maxBytes) throw new AppError('PAYLOAD_TOO_LARGE', `Body larger than ${maxBytes} bytes`);
  const buf = await request.arrayBuffer();
  if (buf.byteLength > maxBytes)
    throw new AppError('PAYLOAD_TOO_LARGE', `Body larger than ${maxBytes} bytes`);
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(buf));
  } catch {
    throw new AppError('VALIDATION', 'Malformed JSON body', [{ path: '', message: 'Malformed JSON' }]);
  }
}

export const NO_STORE = { 'cache-control': 'no-store' } as const;
