/**
 * Compression on the built app: small JSON answers of the public API go out as they are
 * (`Cache-Control: no-transform`, which Next.js's gzip honours), larger ones are still gzipped.
 * Needs a running app with the demo city (APP_URL): see .ci/run.
 */
import { describe, expect, it } from 'vitest';
import { APP_URL } from '@/lib/testing/browser';

const GZIP = { 'accept-encoding': 'gzip' };

describe('JSON answers and compression', () => {
  it('sends small answers and errors uncompressed', async () => {
    for (const [path, init, status] of [
      [
        '/api/v1/track',
        {
          method: 'POST',
          headers: { ...GZIP, 'content-type': 'application/json' },
          body: '{"trackingCode":"ZZZZZZZZ"}',
        },
        404,
      ],
      [
        '/api/v1/complaints',
        {
          method: 'POST',
          headers: { ...GZIP, 'content-type': 'application/json' },
          body: '{"description":""}',
        },
        400,
      ],
    ] as const) {
      const res = await fetch(`${APP_URL}${path}`, init);
      const text = await res.text();
      expect(res.status, path).toBe(status);
      expect(res.headers.get('content-encoding'), path).toBeNull();
      expect(res.headers.get('cache-control'), path).toContain('no-transform');
      expect(JSON.parse(text).error.code, path).toBeTruthy();
    }
  });

  it('still gzips a large answer (the OpenAPI description)', async () => {
    const res = await fetch(`${APP_URL}/api/v1/openapi.json`, { headers: GZIP });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect((await res.json()).openapi).toMatch(/^3\./);
  });
});
