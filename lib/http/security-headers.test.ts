import type { NextConfig } from 'next';
import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
// @ts-expect-error next.config.js is plain JavaScript (no types); read as a NextConfig below.
import nextConfigModule from '@/next.config.js';
import { proxy, config as proxyConfig } from '@/proxy';
import {
  API_CONTENT_SECURITY_POLICY,
  contentSecurityPolicy,
  staticSecurityHeaders,
} from './security-headers';

const nextConfig = nextConfigModule as NextConfig;

const directives = (csp: string) =>
  new Map(
    csp.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values] as const;
    }),
  );

describe('Content-Security-Policy', () => {
  it('allows scripts only by nonce (no unsafe-inline, no unsafe-eval in production)', () => {
    const csp = directives(contentSecurityPolicy({ nonce: 'abc123==' }));
    expect(csp.get('script-src')).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('worker-src')).toEqual(["'self'", 'blob:']);
    expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    // antd's CSS-in-JS: styles only.
    expect(csp.get('style-src')).toContain("'unsafe-inline'");
    expect(contentSecurityPolicy({ nonce: 'n', dev: true })).toContain("'unsafe-eval'");
  });

  it('adds the deployment map style host (and extra tile hosts) to connect-src and img-src, ignoring junk', () => {
    const csp = directives(
      contentSecurityPolicy({
        nonce: 'n',
        mapStyleUrl: 'https://api.tianditu.gov.cn/styles/vec.json?tk=1',
        extraConnectSrc: 'https://t0.tianditu.gov.cn javascript:alert(1) not-a-url',
      }),
    );
    expect(csp.get('connect-src')).toEqual([
      "'self'",
      'https://api.tianditu.gov.cn',
      'https://t0.tianditu.gov.cn',
    ]);
    expect(csp.get('img-src')).toContain('https://t0.tianditu.gov.cn');
  });

  it('HSTS only in production; camera, microphone, geolocation for the app itself only', () => {
    expect(staticSecurityHeaders(true)['Strict-Transport-Security']).toMatch(/max-age=\d{8}/);
    expect(staticSecurityHeaders(false)['Strict-Transport-Security']).toBeUndefined();
    const pp = staticSecurityHeaders(true)['Permissions-Policy'];
    for (const f of ['camera=(self)', 'microphone=(self)', 'geolocation=(self)']) expect(pp).toContain(f);
  });
});

describe('proxy', () => {
  it('gives each page a fresh nonce, on the request (for Next.js) and the response, with the other headers', () => {
    const a = proxy(new NextRequest('http://localhost/report'));
    const b = proxy(new NextRequest('http://localhost/report'));
    const csp = a.headers.get('content-security-policy')!;
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
    expect(nonce.length).toBeGreaterThanOrEqual(22);
    expect(b.headers.get('content-security-policy')).not.toContain(nonce);
    // NextResponse.next({ request: { headers } }) forwards overridden request headers this way.
    expect(a.headers.get('x-middleware-request-x-nonce')).toBe(nonce);
    expect(a.headers.get('x-middleware-request-content-security-policy')).toBe(csp);
    expect(a.headers.get('x-middleware-request-x-suqiu-path')).toBe('/report');
    expect(a.headers.get('x-content-type-options')).toBe('nosniff');
    expect(a.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(a.headers.get('permissions-policy')).toContain('camera=(self)');
    expect(a.headers.get('x-frame-options')).toBe('DENY');
  });

  it('leaves the MapLibre worker its own origin', () => {
    const worker = proxy(new NextRequest('http://localhost/maplibre-gl-worker.mjs'));
    expect(worker.headers.get('content-security-policy')).toBeNull();
    expect(worker.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('does not run for the JSON APIs, which next.config.js closes with the same static headers', async () => {
    const matcher = new RegExp(`^${proxyConfig.matcher[0]}$`);
    for (const p of ['/api/v1/complaints', '/open311/v2/services.json']) expect(matcher.test(p)).toBe(false);
    for (const p of ['/report', '/map', '/', '/maplibre-gl-worker.mjs']) expect(matcher.test(p)).toBe(true);
    const rules = await nextConfig.headers!();
    for (const source of ['/api/:path*', '/open311/:path*']) {
      const rule = rules.find((r) => r.source === source);
      const headers = Object.fromEntries(rule!.headers.map((h) => [h.key.toLowerCase(), h.value]));
      expect(headers['content-security-policy']).toBe(API_CONTENT_SECURITY_POLICY);
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['x-frame-options']).toBe('DENY');
    }
  });
});
