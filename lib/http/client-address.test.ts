import { afterEach, describe, expect, it } from 'vitest';
import {
  clientAddress,
  normaliseAddress,
  parseTrustedProxies,
  trustPeerHeader,
  UNATTRIBUTED,
} from './client-address';

const req = (peer: string | null, xff?: string) =>
  new Request('http://localhost/x', {
    headers: { ...(peer ? { 'x-suqiu-peer': peer } : {}), ...(xff ? { 'x-forwarded-for': xff } : {}) },
  });

afterEach(() => trustPeerHeader(false));

describe('clientAddress', () => {
  it('ignores the peer header unless the server hook marked the process', () => {
    trustPeerHeader(false);
    expect(clientAddress(req('198.51.100.4', '203.0.113.1'), null)).toBe(UNATTRIBUTED);
  });

  it('uses the socket address and ignores X-Forwarded-For without trusted proxies', () => {
    trustPeerHeader();
    for (const claimed of ['203.0.113.1', '203.0.113.2', '10.0.0.1, 203.0.113.3']) {
      expect(clientAddress(req('198.51.100.4', claimed), null)).toBe('198.51.100.4');
    }
    expect(clientAddress(req('::ffff:198.51.100.4'), null)).toBe('198.51.100.4');
    expect(clientAddress(req(null, '203.0.113.1'), null)).toBe(UNATTRIBUTED);
  });

  it('reads X-Forwarded-For from the right, skipping trusted hops, only from a trusted peer', () => {
    trustPeerHeader();
    const trusted = parseTrustedProxies('10.0.0.0/8, 2001:db8::1');
    // The client wrote a fake first entry; the proxies appended the real ones.
    expect(clientAddress(req('10.0.0.2', '1.2.3.4, 203.0.113.9, 10.0.0.7'), trusted)).toBe('203.0.113.9');
    expect(clientAddress(req('2001:db8::1', '203.0.113.9'), trusted)).toBe('203.0.113.9');
    // An untrusted peer's header is not read.
    expect(clientAddress(req('198.51.100.4', '203.0.113.9'), trusted)).toBe('198.51.100.4');
    // All hops trusted: the leftmost; no header: the proxy itself; garbage: the last trusted hop.
    expect(clientAddress(req('10.0.0.2', '10.1.1.1, 10.0.0.7'), trusted)).toBe('10.1.1.1');
    expect(clientAddress(req('10.0.0.2'), trusted)).toBe('10.0.0.2');
    expect(clientAddress(req('10.0.0.2', 'evil, 10.0.0.7'), trusted)).toBe('10.0.0.7');
  });

  it('parses named ranges and refuses nonsense', () => {
    const loopback = parseTrustedProxies('loopback')!;
    expect(loopback.check('127.0.0.1', 'ipv4')).toBe(true);
    expect(loopback.check('::1', 'ipv6')).toBe(true);
    expect(parseTrustedProxies('private')!.check('172.20.1.1', 'ipv4')).toBe(true);
    expect(parseTrustedProxies('')).toBeNull();
    expect(() => parseTrustedProxies('proxy.example')).toThrow(/SUQIU_TRUSTED_PROXIES/);
    expect(() => parseTrustedProxies('10.0.0.0/40')).toThrow(/prefix/);
    expect(normaliseAddress('[2001:DB8::1]')).toBe('2001:db8::1');
    expect(normaliseAddress('203.0.113.1:5555')).toBe('203.0.113.1');
  });
});
