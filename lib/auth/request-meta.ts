/** Client IP and user agent of a request, for the sessions row (informational only). */
export function requestMeta(request: Request): { ip: string | null; userAgent: string | null } {
  const forwarded = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return {
    ip: forwarded || request.headers.get('x-real-ip') || null,
    userAgent: request.headers.get('user-agent'),
  };
}
