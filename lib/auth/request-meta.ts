import { recordedAddress } from '@/lib/http/client-address';

/** Client address (lib/http/client-address.ts: the socket, or past trusted proxies) and user agent. */
export function requestMeta(request: Request): { ip: string | null; userAgent: string | null } {
  return { ip: recordedAddress(request), userAgent: request.headers.get('user-agent') };
}
