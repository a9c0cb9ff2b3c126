/**
 * Small HTTP helpers for the public intake API: the client address used for rate limits and a
 * JSON body reader that tells wrong content types, oversized and malformed bodies apart.
 */
import { JSON_MAX_BYTES, readJson } from '@/lib/http/read-request';

/** The client address for rate limits: see lib/http/client-address.ts (trusted proxies, the socket). */
export { clientAddress } from '@/lib/http/client-address';

export const JSON_BODY_MAX_BYTES = JSON_MAX_BYTES;

/** Read a JSON body (lib/http/read-request.ts): 415 unless application/json, 413 past `maxBytes`, 400 when malformed. */
export function readJsonBody(request: Request, maxBytes = JSON_BODY_MAX_BYTES): Promise<unknown> {
  return readJson(request, { maxBytes, requireType: true });
}

export const NO_STORE = { 'cache-control': 'no-store' } as const;
