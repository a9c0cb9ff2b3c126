/**
 * The PostgreSQL error behind a failed query, on both drivers. drizzle wraps the driver's error
 * (node-postgres `DatabaseError`, PGlite's error) in its own, as `cause`; both carry the SQLSTATE
 * as `code`, and `detail` when the server sent one.
 */
export function pgErrorOf(error: unknown): { code: string; message: string; detail?: string } | null {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const { code, message, detail } = e as { code?: unknown; message?: unknown; detail?: unknown };
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && typeof message === 'string') {
      return { code, message, ...(typeof detail === 'string' ? { detail } : {}) };
    }
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}
