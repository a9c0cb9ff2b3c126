import 'server-only';
import { z } from 'zod';
import { type Db, getDb } from '@/db/client';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { assertCan } from '@/lib/auth/policy';
import { requestMeta } from '@/lib/auth/request-meta';
import type { AuthUser } from '@/lib/auth/types';
import { toErrorResponse } from '@/lib/http/errors';
import { readJson } from '@/lib/http/read-request';
import { assertSameOrigin } from '@/lib/http/same-origin';

export interface AdminCall {
  db: Db;
  user: AuthUser;
  /** The JSON body (null for DELETE without one). */
  body: unknown;
  ip: string | null;
}

/**
 * The shape every admin route handler shares: same-origin check, signed in, the policy action
 * (403 before the body is even read), JSON body, one lib verb, errors as `{error:{code,message,fields}}`.
 */
export async function adminRoute(
  request: Request,
  action: 'config.manage' | 'user.manage',
  run: (call: AdminCall) => Promise<unknown>,
): Promise<Response> {
  try {
    if (request.method !== 'GET') assertSameOrigin(request);
    const user = await requireCurrentUser();
    assertCan(user, action);
    let body: unknown = null;
    if (request.method === 'POST' || request.method === 'PUT' || request.method === 'PATCH') {
      body = await readJson(request);
    }
    const result = await run({ db: await getDb(), user, body, ip: requestMeta(request).ip });
    return Response.json(result ?? { ok: true });
  } catch (error) {
    return toErrorResponse(error);
  }
}

export const idParam = z.coerce.number().int().positive();
