/**
 * The client's address, for rate limits, the login throttle, the audit log and sessions.
 *
 * Next.js does not give route handlers the socket's address (it only fills X-Forwarded-For from it
 * when the client sent none, so the header is the client's to choose). The app's start scripts
 * therefore load `scripts/peer-address.mjs` into the server process: it writes the socket's address
 * into `x-suqiu-peer` on every request (over anything the client sent) and marks the process, and
 * only a marked process reads that header.
 *
 * - `SUQIU_TRUSTED_PROXIES` empty (default): the socket's address; X-Forwarded-For is ignored.
 * - set (comma list of addresses and CIDR ranges, or `loopback`, `private`): when the socket's
 *   address is a trusted proxy, X-Forwarded-For is read from the right, skipping trusted hops; the
 *   first untrusted entry is the client.
 * - a server started without the hook (`next dev`, a bare `next start`): every request is
 *   `unattributed` (one shared budget) rather than whatever a client claims.
 */
import { BlockList, isIP } from 'node:net';

export const PEER_HEADER = 'x-suqiu-peer';
export const UNATTRIBUTED = 'unattributed';
const TRUST_PEER = Symbol.for('suqiu.peer-header');

/** Mark this process as one whose server writes PEER_HEADER itself (scripts/peer-address.mjs; tests). */
export function trustPeerHeader(on = true): void {
  (globalThis as Record<symbol, unknown>)[TRUST_PEER] = on;
}

function peerHeaderTrusted(): boolean {
  return (globalThis as Record<symbol, unknown>)[TRUST_PEER] === true;
}

/** An IP address in canonical text (IPv4-mapped IPv6 as IPv4, brackets and zone dropped), or null. */
export function normaliseAddress(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let a = raw.trim();
  if (a.startsWith('[')) a = a.slice(1, a.indexOf(']') > 0 ? a.indexOf(']') : undefined);
  a = a.replace(/%.*$/, '');
  if (/^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(a)) a = a.slice(7);
  // IPv4 with a port (a proxy may append one).
  if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(':'));
  const family = isIP(a);
  if (family === 4) return a;
  if (family === 6) return a.toLowerCase();
  return null;
}

const NAMED: Record<string, string[]> = {
  loopback: ['127.0.0.0/8', '::1/128'],
  private: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7', '127.0.0.0/8', '::1/128'],
};

/** Parse `SUQIU_TRUSTED_PROXIES`; throws on an entry that is not an address or range. */
export function parseTrustedProxies(value: string | undefined): BlockList | null {
  const entries = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .flatMap((e) => NAMED[e.toLowerCase()] ?? [e]);
  if (entries.length === 0) return null;
  const list = new BlockList();
  for (const entry of entries) {
    const [addr, bits] = entry.split('/');
    const a = normaliseAddress(addr);
    if (!a) throw new Error(`SUQIU_TRUSTED_PROXIES: not an address or range: ${entry}`);
    const type = isIP(a) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(a, type);
    else {
      const prefix = Number(bits);
      if (!Number.isInteger(prefix) || prefix < 0 || prefix > (type === 'ipv6' ? 128 : 32)) {
        throw new Error(`SUQIU_TRUSTED_PROXIES: bad prefix length: ${entry}`);
      }
      list.addSubnet(a, prefix, type);
    }
  }
  return list;
}

const trusts = (list: BlockList, a: string) => list.check(a, isIP(a) === 6 ? 'ipv6' : 'ipv4');

let cached: { value: string | undefined; list: BlockList | null } | undefined;
function configuredProxies(): BlockList | null {
  const value = process.env.SUQIU_TRUSTED_PROXIES;
  if (!cached || cached.value !== value) cached = { value, list: parseTrustedProxies(value) };
  return cached.list;
}

/** The client address of `request` (see the module comment). */
export function clientAddress(request: Request, trusted: BlockList | null = configuredProxies()): string {
  if (!peerHeaderTrusted()) return UNATTRIBUTED;
  const peer = normaliseAddress(request.headers.get(PEER_HEADER));
  if (!peer) return UNATTRIBUTED;
  if (!trusted || !trusts(trusted, peer)) return peer;
  const chain = (request.headers.get('x-forwarded-for') ?? '').split(',');
  let last = peer;
  for (let i = chain.length - 1; i >= 0; i--) {
    const hop = normaliseAddress(chain[i]);
    // Garbage where an address should be: the last trusted hop is all that is known.
    if (!hop) return last;
    if (!trusts(trusted, hop)) return hop;
    last = hop;
  }
  return last;
}

/** The address to record (audit log, sessions): null when the request cannot be attributed. */
export function recordedAddress(request: Request): string | null {
  const a = clientAddress(request);
  return a === UNATTRIBUTED ? null : a;
}
