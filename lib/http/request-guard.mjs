// The request line's own check, shared by the server hook (scripts/peer-address.mjs, which answers
// before Next.js: a bad percent-encoding in a dynamic segment or the TRACE method fail inside Next.js
// with a 500 no route handler can catch) and lib/http/read-request.ts (the route handlers' reader).
// Plain JavaScript so that the hook, loaded before Next.js, can import it.

/** Methods any route may answer; anything else (TRACE, TRACK, CONNECT, WebDAV…) is 405. */
export const ALLOWED_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what this refuses
const PLAIN = /^(?:[^\u0000\ud800-\udfff]|[\ud800-\udbff][\udc00-\udfff])*$/;

/** @param {string} raw @returns {string | null} the decoded text, or null when malformed or not plain */
function decodePlain(raw) {
  if (!raw.includes('%')) return PLAIN.test(raw) ? raw : null;
  try {
    const value = decodeURIComponent(raw);
    return PLAIN.test(value) ? value : null;
  } catch {
    return null;
  }
}

/**
 * What is wrong with a request's method and target (path and query), or null.
 * @param {string} method
 * @param {string} target the path and query as sent (`/api/x/%ff?q=1`), or an absolute URL
 * @returns {{ status: 400 | 405, code: 'VALIDATION' | 'METHOD_NOT_ALLOWED', message: string, path?: string } | null}
 */
export function requestProblem(method, target) {
  if (!ALLOWED_METHODS.includes(method.toUpperCase())) {
    return { status: 405, code: 'METHOD_NOT_ALLOWED', message: `Method ${method.slice(0, 20)} not allowed` };
  }
  let rest = target;
  const scheme = rest.indexOf('://');
  if (scheme >= 0 && scheme < 10) {
    const slash = rest.indexOf('/', scheme + 3);
    rest = slash < 0 ? '/' : rest.slice(slash);
  }
  const hash = rest.indexOf('#');
  if (hash >= 0) rest = rest.slice(0, hash);
  const q = rest.indexOf('?');
  const path = q < 0 ? rest : rest.slice(0, q);
  const query = q < 0 ? '' : rest.slice(q + 1);
  for (const segment of path.split('/')) {
    if (decodePlain(segment) === null) {
      return {
        status: 400,
        code: 'VALIDATION',
        message: 'path: malformed percent-encoding or a character that is not text',
        path: 'path',
      };
    }
  }
  if (query) {
    for (const pair of query.split('&')) {
      const eq = pair.indexOf('=');
      const name = decodePlain((eq < 0 ? pair : pair.slice(0, eq)).replace(/\+/g, ' '));
      const value = eq < 0 ? '' : decodePlain(pair.slice(eq + 1).replace(/\+/g, ' '));
      if (name === null || value === null) {
        const at = name ? name.slice(0, 40) : 'query';
        return {
          status: 400,
          code: 'VALIDATION',
          message: `${at}: malformed percent-encoding or a character that is not text (NUL, a lone surrogate)`,
          path: at,
        };
      }
    }
  }
  return null;
}

/** The JSON error body the app answers with (lib/http/errors.ts). */
export function problemBody(problem) {
  return JSON.stringify({
    error: {
      code: problem.code,
      message: problem.message,
      ...(problem.path ? { fields: [{ path: problem.path, message: problem.message }] } : {}),
    },
  });
}
