/**
 * The origins the app is served under, from configuration, never from the request: Host and
 * X-Forwarded-Host are the client's to write.
 *
 * `SUQIU_PUBLIC_ORIGIN`: the origin people open (`https://suqiu.panzhihua.gov.cn`), or a comma
 * list of them. Unset (`npm run demo`, `npm run dev`): `http://localhost:<PORT>` and
 * `http://127.0.0.1:<PORT>` (PORT default 3000). Used by the same-origin check (CSRF) and for the
 * absolute URLs the app publishes (Open311 discovery).
 */
let cached: { key: string; origins: string[] } | undefined;

function parse(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      try {
        const origin = new URL(s).origin;
        if (origin === 'null') throw new Error();
        return origin;
      } catch {
        throw new Error(`SUQIU_PUBLIC_ORIGIN: not an origin: ${s}`);
      }
    });
}

export function publicOrigins(env: Record<string, string | undefined> = process.env): string[] {
  const key = `${env.SUQIU_PUBLIC_ORIGIN ?? ''}|${env.PORT ?? ''}`;
  if (cached?.key === key && env === process.env) return cached.origins;
  const port = env.PORT || '3000';
  const origins = env.SUQIU_PUBLIC_ORIGIN?.trim()
    ? parse(env.SUQIU_PUBLIC_ORIGIN)
    : [`http://localhost:${port}`, `http://127.0.0.1:${port}`];
  if (env === process.env) cached = { key, origins };
  return origins;
}

/** The first public origin: the one to put in absolute URLs. */
export function publicOrigin(env: Record<string, string | undefined> = process.env): string {
  return publicOrigins(env)[0]!;
}
