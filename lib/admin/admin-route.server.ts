import 'server-only';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { requestMeta } from '@/lib/auth/request-meta';
import type { AuthUser } from '@/lib/auth/types';
import { route } from '@/lib/http/route.server';

export interface AdminCall {
  db: Db;
  user: AuthUser;
  /** The JSON body (null for DELETE without one). */
  body: unknown;
  ip: string | null;
}

/**
 * The shape every admin route handler shares (`route` in lib/http/route.server.ts): same-origin check,
 * signed in, the policy action (403 before the body is even read), JSON body, one lib verb, errors as
 * `{error:{code,message,fields}}`; `{ ok: true }` when the verb returns nothing.
 */
export function adminRoute(
  request: Request,
  action: 'config.manage' | 'user.manage',
  run: (call: AdminCall) => Promise<unknown>,
): Promise<Response> {
  const withBody = request.method === 'POST' || request.method === 'PUT' || request.method === 'PATCH';
  const handler = route(
    { auth: { action }, body: withBody ? z.unknown() : undefined },
    async ({ db, user, body, request }) =>
      (await run({ db, user, body: body ?? null, ip: requestMeta(request).ip })) ?? { ok: true },
  );
  return handler(request, { params: Promise.resolve({}) });
}

export const idParam = z.coerce.number().int().positive();
