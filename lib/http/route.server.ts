import 'server-only';
import { timingSafeEqual } from 'node:crypto';
import { connection } from 'next/server';
import type { z } from 'zod';
import { type Db, getDb } from '@/db/client';
import { requireCurrentUser } from '@/lib/auth/current-user.server';
import { type Action, assertCan } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { clientAddress } from './client-address';
import { AppError, toErrorResponse } from './errors';
import type { RateRule } from './rate-limit';
import { enforceRate } from './rate-store.server';
import { type ReadJsonOptions, readJson } from './read-request';
import { assertSameOrigin } from './same-origin';

/**
 * Who may call a route: anyone (`public`), anyone signed in (`session`; the verb applies the policy),
 * or a signed-in user the policy allows one action (`{ action }`: 403 before the body is read).
 * `bearer`: an external scheduler's `Authorization: Bearer $SUQIU_SWEEP_TOKEN` stands in for the
 * session (no user, no same-origin check).
 */
export type RouteAuth = 'public' | 'session' | { action: Action; bearer?: 'SUQIU_SWEEP_TOKEN' };

type Schema = z.ZodType | undefined;
type Parsed<S extends Schema> = S extends z.ZodType ? z.output<S> : undefined;
type UserOf<A extends RouteAuth> = A extends 'public'
  ? null
  : A extends { bearer: string }
    ? AuthUser | null
    : AuthUser;

export interface RouteSpec<A extends RouteAuth, Q extends Schema, B extends Schema, P extends Schema> {
  auth: A;
  /** The search params (one string per name), parsed after auth (before it with `queryBeforeAuth`). */
  query?: Q;
  /** Parse the query before auth: a malformed query answers 400 even without a session. */
  queryBeforeAuth?: boolean;
  /** The JSON body (read through `readJson`: size limit, content type), parsed after auth and query. */
  body?: B;
  /** An absent body parses as `{}` (the schema's defaults apply). */
  optionalBody?: boolean;
  /** How the body is read: its size limit, and whether a missing Content-Type is refused (415). */
  json?: Pick<ReadJsonOptions, 'maxBytes' | 'requireType'>;
  /** Count the call against `rule` per client address under `key` (429 past it), after auth, before input. */
  rate?: { key: string; rule: RateRule };
  /** The dynamic path segments, parsed first after auth. */
  params?: P;
  /** A path segment that does not parse answers NOT_FOUND (404) with this message; VALIDATION (400) without. */
  paramsNotFound?: string;
  /**
   * Refuse cross-site requests: default true for every method but GET and HEAD. `'ignore-session'`:
   * a request without Origin passes even with a session cookie (signing in needs no prior session).
   */
  sameOrigin?: boolean | 'ignore-session';
  /** Status of a successful answer (default 200). */
  status?: number;
  /** The `cache-control` of a successful answer (`'private, no-store'` for anything per-user or live). */
  cacheControl?: string;
  /** Maps an error before it is answered (e.g. the login route counts failures and localizes). */
  onError?: (error: unknown, request: Request) => unknown;
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
 * The one shape of a route handler: same-origin check, auth, the rate limit, then path params, query
 * and body through their zod schemas, one lib verb, and every error through `toErrorResponse`
 * (`{error:{code,message}}`). `run` returns the answer's JSON, or a `Response` when it needs its own
 * status, headers or body encoding.
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
      let query = spec.queryBeforeAuth ? parseQuery(spec.query, request) : undefined;
      const user = await authorize(spec, request);
      if (spec.rate) await enforceRate(`${spec.rate.key}:${clientAddress(request)}`, spec.rate.rule);
      let params: unknown;
      if (spec.params) {
        const parsed = spec.params.safeParse(await context?.params);
        if (!parsed.success) {
          if (spec.paramsNotFound) throw new AppError('NOT_FOUND', spec.paramsNotFound);
          throw parsed.error;
        }
        params = parsed.data;
      }
      if (!spec.queryBeforeAuth) query = parseQuery(spec.query, request);
      const body = spec.body
        ? spec.body.parse(await readJson(request, { ...spec.json, optional: spec.optionalBody }))
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
      return toErrorResponse(spec.onError ? await spec.onError(error, request) : error);
    }
  };
}

function parseQuery(schema: Schema, request: Request): unknown {
  return schema?.parse(Object.fromEntries(new URL(request.url).searchParams));
}

/** Same-origin and auth: the signed-in user, or null for a public route or a scheduler's bearer token. */
async function authorize(
  spec: { auth: RouteAuth; sameOrigin?: boolean | 'ignore-session' },
  request: Request,
): Promise<AuthUser | null> {
  const { auth } = spec;
  if (typeof auth === 'object' && auth.bearer && bearerMatches(request, process.env[auth.bearer]))
    return null;
  const safe = request.method === 'GET' || request.method === 'HEAD';
  const sameOrigin = spec.sameOrigin ?? !safe;
  if (sameOrigin) assertSameOrigin(request, sameOrigin === 'ignore-session' ? { session: 'ignored' } : {});
  if (auth === 'public') return null;
  const user =
    typeof auth === 'object' && auth.bearer
      ? await requireCurrentUser().catch(() => {
          throw new AppError('UNAUTHENTICATED', 'Scheduler token or sign-in required');
        })
      : await requireCurrentUser();
  if (typeof auth === 'object') assertCan(user, auth.action);
  return user;
}

function bearerMatches(request: Request, token: string | undefined): boolean {
  const given = request.headers.get('authorization')?.replace(/^Bearer\s+/i, '');
  if (!token || !given) return false;
  const a = Buffer.from(token);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
