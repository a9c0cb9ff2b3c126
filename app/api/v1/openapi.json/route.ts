import { jsonResponse } from '@/lib/http/json-response';
import { route } from '@/lib/http/route.server';
import { buildOpenApiDocument } from '@/lib/intake/openapi';

/** GET → the OpenAPI 3.1 description of the intake API, generated from its zod schemas. */
export const GET = route({ auth: 'public' }, async () =>
  jsonResponse(buildOpenApiDocument('/'), { headers: { 'cache-control': 'public, max-age=300' } }),
);
