import createNextIntlPlugin from 'next-intl/plugin';

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
  typedRoutes: false,
};

export default withNextIntl(nextConfig);
