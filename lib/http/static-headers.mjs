// The security headers that do not change per request, in plain JavaScript so that both
// next.config.js (API and Open311 responses, set by the router without running proxy.ts) and
// lib/http/security-headers.ts (pages, through proxy.ts) read the one definition.

/** CSP for responses that are not pages (JSON, GeoJSON, files): nothing may run or frame them. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox";

/**
 * Headers for every response. Permissions-Policy: the report page records voice and video and
 * locates the phone (same origin only); everything else is off.
 * @param {boolean} production
 * @returns {Record<string, string>}
 */
export function staticSecurityHeaders(production) {
  return {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(self), microphone=(self), geolocation=(self), payment=(), usb=()',
    ...(production ? { 'Strict-Transport-Security': 'max-age=63072000; includeSubDomains' } : {}),
  };
}
