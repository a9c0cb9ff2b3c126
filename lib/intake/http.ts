/**
 * Small HTTP helpers for the public intake API: the client address used for rate limits and a
 * JSON body reader that tells wrong content types, oversized and malformed bodies apart.
 */
import { AppError } from '@/lib/http/errors';

/**
 * The client address for rate limits. Browsers cannot set X-Forwarded-For past a proxy that
 * appends to it, so the entry `SUQIU_TRUSTED_PROXY_HOPS` places from the right is used (default 0:
 * the rightmost, added by the nearest proxy or by Next.js itself); X-Real-IP next; else 'local'.
 */
export function clientAddress(request: Request): string {
  const hops = Number(process.env.SUQIU_TRUSTED_PROXY_HOPS ?? 0) || 0;
  const chain = (request.headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const fromChain = chain[Math.max(0, chain.length - 1 - hops)];
  return fromChain || request.headers.get('x-real-ip') || 'local';
}

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
