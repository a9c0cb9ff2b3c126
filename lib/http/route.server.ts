import 'server-only';
import { connection } from 'next/server';
import type { z } from 'zod';
import { type Db, getDb } from '@/db/client';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { type Action, assertCan } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { AppError, toErrorResponse } from './errors';
import { readJson } from './read-request';
import { assertSameOrigin } from './same-origin';

/**
 * Who may call a route: anyone (`public`), anyone signed in (`session`; the verb applies the policy),
 * or a signed-in user the policy allows one action (`{ action }`: 403 before the body is read).
 */
export type RouteAuth = 'public' | 'session' | { action: Action };

type Schema = z.ZodType | undefined;
type Parsed<S extends Schema> = S extends z.ZodType ? z.output<S> : undefined;
type UserOf<A extends RouteAuth> = A extends 'public' ? null : AuthUser;

export interface RouteSpec<A extends RouteAuth, Q extends Schema, B extends Schema, P extends Schema> {
  auth: A;
  /** The search params (one string per name), parsed after auth. */
  query?: Q;
  /** The JSON body (read through `readJson`: size limit, content type), parsed after auth and query. */
  body?: B;
  /** An absent body parses as `{}` (the schema's defaults apply). */
  optionalBody?: boolean;
  /** The dynamic path segments, parsed first after auth. */
  params?: P;
  /** A path segment that does not parse answers NOT_FOUND (404) with this message; VALIDATION (400) without. */
  paramsNotFound?: string;
  /** Refuse cross-site requests: default true for every method but GET and HEAD. */
  sameOrigin?: boolean;
  /** Status of a successful answer (default 200). */
  status?: number;
  /** The `cache-control` of a successful answer (`'private, no-store'` for anything per-user or live). */
  cacheControl?: string;
}

export interface RouteCall<A extends RouteAuth, Q extends Schema, B extends Schema, P extends Schema> {
  request: Request;
  db: Db;
  user: UserOf<A>;
  query: Parsed<Q>;
  body: Parsed<B>;
  params: Parsed<P>;
}

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

/**
 * The one shape of a route handler: same-origin check, auth, then path params, query and body through
 * their zod schemas, one lib verb, and every error through `toErrorResponse` (`{error:{code,message}}`).
 * `run` returns the answer's JSON, or a `Response` when it needs its own status or headers.
 */
export function route<
  A extends RouteAuth,
  Q extends Schema = undefined,
  B extends Schema = undefined,
  P extends Schema = undefined,
>(
  spec: RouteSpec<A, Q, B, P>,
  run: (call: RouteCall<A, Q, B, P>) => Promise<unknown>,
): (request: Request, context?: RouteContext) => Promise<Response> {
  return async (request, context) => {
    const safe = request.method === 'GET' || request.method === 'HEAD';
    // A read must never be prerendered at build time (it would open the database in the build worker).
    if (safe) await connection();
    try {
      if (spec.sameOrigin ?? !safe) assertSameOrigin(request);
      let user: AuthUser | null = null;
      if (spec.auth !== 'public') {
        user = await requireCurrentUser();
        if (typeof spec.auth === 'object') assertCan(user, spec.auth.action);
      }
      let params: unknown;
      if (spec.params) {
        const parsed = spec.params.safeParse(await context?.params);
        if (!parsed.success) {
          if (spec.paramsNotFound) throw new AppError('NOT_FOUND', spec.paramsNotFound);
          throw parsed.error;
        }
        params = parsed.data;
      }
      const query = spec.query?.parse(Object.fromEntries(new URL(request.url).searchParams));
      const body = spec.body
        ? spec.body.parse(await readJson(request, { optional: spec.optionalBody }))
        : undefined;
      const result = await run({
        request,
        db: await getDb(),
        user: user as UserOf<A>,
        query: query as Parsed<Q>,
        body: body as Parsed<B>,
        params: params as Parsed<P>,
      });
      if (result instanceof Response) return result;
      return Response.json(result, {
        status: spec.status ?? 200,
        headers: spec.cacheControl ? { 'cache-control': spec.cacheControl } : undefined,
      });
    } catch (error) {
      return toErrorResponse(error);
    }
  };
}
