/**
 * Security headers, declared once (pure; `proxy.ts` sets them on pages with a per-request nonce,
 * `next.config.js` on every other response).
 *
 * Content-Security-Policy for pages:
 * - scripts: only those carrying this request's nonce ('strict-dynamic' lets them load Next's
 *   chunks); no 'unsafe-inline'. Next.js reads the nonce from the request's CSP header and puts it
 *   on its own bootstrap and inline flight scripts (pages must render dynamically; the root layout
 *   reads the locale cookie, so all do). Dev mode adds 'unsafe-eval' (React's dev tooling).
 * - styles: 'unsafe-inline' is needed: antd 6's CSS-in-JS writes <style> elements at run time and
 *   React writes style attributes, neither with a nonce (a nonce in style-src would disable
 *   'unsafe-inline' and break both). Injected styles cannot run code.
 * - MapLibre's worker is a same-origin module (`/maplibre-gl-worker.mjs`) and MapLibre may wrap
 *   it in a blob: URL → worker-src 'self' blob:. Tiles/sprites decoded to blob: and data: images
 *   → img-src. Recorded voice and video on /report are previewed from blob: URLs → media-src.
 * - connect-src: the app itself, plus the host of NEXT_PUBLIC_MAP_STYLE_URL and any extra origins
 *   in SUQIU_CSP_CONNECT_SRC (space-separated: a deployment style's tile and glyph hosts).
 * - frame-ancestors 'none' (no clickjacking), object-src 'none', base-uri and form-action 'self'.
 *   No upgrade-insecure-requests: a city intranet may serve plain HTTP (HSTS does the job on HTTPS).
 */

export interface CspOptions {
  nonce: string;
  dev?: boolean;
  mapStyleUrl?: string | undefined;
  extraConnectSrc?: string | undefined;
}

/** The origin of a URL, or null when it is not an absolute http(s) URL. */
function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.origin : null;
  } catch {
    return null;
  }
}

export function contentSecurityPolicy(options: CspOptions): string {
  const mapOrigin = originOf(options.mapStyleUrl);
  const extra = (options.extraConnectSrc ?? '')
    .split(/\s+/)
    .map((s) => originOf(s))
    .filter((s): s is string => s !== null);
  const external = [...new Set([mapOrigin, ...extra].filter((s): s is string => s !== null))];
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    [
      'script-src',
      "'self'",
      `'nonce-${options.nonce}'`,
      "'strict-dynamic'",
      ...(options.dev ? ["'unsafe-eval'"] : []),
    ],
    ['style-src', "'self'", "'unsafe-inline'"],
    ['img-src', "'self'", 'data:', 'blob:', ...external],
    ['font-src', "'self'", 'data:'],
    ['media-src', "'self'", 'blob:'],
    ['worker-src', "'self'", 'blob:'],
    ['child-src', "'self'", 'blob:'],
    ['connect-src', "'self'", ...external, ...(options.dev ? ['ws:'] : [])],
    ['object-src', "'none'"],
    ['base-uri', "'self'"],
    ['form-action', "'self'"],
    ['frame-ancestors', "'none'"],
  ];
  return directives.map((d) => d.join(' ')).join('; ');
}

export { API_CONTENT_SECURITY_POLICY, staticSecurityHeaders } from './static-headers.mjs';

/** A fresh nonce: 128 random bits, base64. */
export function generateNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
