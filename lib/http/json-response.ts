/** Below this many bytes gzip saves nothing worth its CPU (the threshold of Next.js's compression). */
const SMALL_BYTES = 1024;

/**
 * `Response.json` that keeps small answers uncompressed. Next.js drops a route's Content-Length and
 * so gzips every answer whatever its size; for the public API's answers of a few hundred bytes that
 * only adds bytes and cost intake about a twentieth of its CPU. Under 1 KB the answer says
 * `Cache-Control: no-transform`, the directive Next.js's compression (like any proxy) honours;
 * larger answers are compressed as before.
 */
export function jsonResponse(body: unknown, init: { status?: number; headers?: HeadersInit } = {}): Response {
  const text = JSON.stringify(body);
  const headers = new Headers(init.headers);
  headers.set('content-type', 'application/json');
  if (Buffer.byteLength(text) < SMALL_BYTES) {
    const cache = headers.get('cache-control');
    headers.set('cache-control', cache ? `${cache}, no-transform` : 'no-transform');
  }
  return new Response(text, { status: init.status ?? 200, headers });
}
