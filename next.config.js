import createNextIntlPlugin from 'next-intl/plugin';
import { API_CONTENT_SECURITY_POLICY, staticSecurityHeaders } from './lib/http/static-headers.mjs';

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships wasm + the PostGIS bundle, argon2 and jieba are native addons: keep them out of the server bundle.
  serverExternalPackages: [
    '@electric-sql/pglite',
    '@electric-sql/pglite-postgis',
    '@node-rs/argon2',
    '@node-rs/jieba',
  ],
  // A separate build folder per checkout or developer server (NEXT_DIST_DIR) avoids two servers
  // writing one .next folder.
  distDir: process.env.NEXT_DIST_DIR ?? '.next',
  poweredByHeader: false,
  // The JSON APIs' security headers, set by the router: proxy.ts (pages) does not run for them.
  async headers() {
    const headers = Object.entries({
      ...staticSecurityHeaders(process.env.NODE_ENV === 'production'),
      'Content-Security-Policy': API_CONTENT_SECURITY_POLICY,
    }).map(([key, value]) => ({ key, value }));
    return ['/api/:path*', '/open311/:path*'].map((source) => ({ source, headers }));
  },
  typedRoutes: false,
  // `forbidden()` (lib/auth/require-page.server.ts): the staff 403 page with HTTP 403.
  experimental: { authInterrupts: true },
};

export default withNextIntl(nextConfig);
