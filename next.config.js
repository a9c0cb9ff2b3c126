import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships wasm + the PostGIS bundle; keep them out of the server bundle.
  serverExternalPackages: ['@electric-sql/pglite', '@electric-sql/pglite-postgis', '@node-rs/argon2'],
  poweredByHeader: false,
  typedRoutes: false,
};

export default withNextIntl(nextConfig);
