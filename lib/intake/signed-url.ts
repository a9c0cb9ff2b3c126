/**
 * Expiring links to attachments: `/api/v1/attachments/<id>?exp=<unix s>&sig=<HMAC-SHA256>`. Only a
 * caller allowed to read the complaint gets one (see `list-attachment-links.server.ts`); the link
 * alone proves it until `exp`. Secret: `SUQIU_MEDIA_SECRET` (required in production, where the app
 * refuses to start without it, see media-secret.mjs; `npm run demo` keeps one beside its data folder;
 * in development a per-process random secret, so links die with the dev server).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const LINK_TTL_SECONDS = 10 * 60;

const globalForSecret = globalThis as unknown as { __suqiuMediaSecret?: string };

function secret(): string {
  const configured = process.env.SUQIU_MEDIA_SECRET;
  if (configured) return configured;
  if (process.env.NODE_ENV === 'production') throw new Error('SUQIU_MEDIA_SECRET is not set');
  globalForSecret.__suqiuMediaSecret ??= randomBytes(32).toString('hex');
  return globalForSecret.__suqiuMediaSecret;
}

function signature(id: string, exp: number, key = secret()): string {
  return createHmac('sha256', key).update(`attachment:${id}:${exp}`).digest('base64url');
}

export function signAttachmentUrl(id: string, nowMs = Date.now(), ttlSeconds = LINK_TTL_SECONDS): string {
  const exp = Math.floor(nowMs / 1000) + ttlSeconds;
  return `/api/v1/attachments/${id}?exp=${exp}&sig=${signature(id, exp)}`;
}

/** Whether `sig` is valid for `id` and `exp` has not passed. Constant-time comparison. */
export function verifyAttachmentSignature(
  id: string,
  exp: string | null,
  sig: string | null,
  nowMs = Date.now(),
): boolean {
  const expiry = Number(exp);
  if (!sig || !Number.isInteger(expiry) || expiry * 1000 < nowMs) return false;
  const expected = Buffer.from(signature(id, expiry));
  const given = Buffer.from(sig);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
