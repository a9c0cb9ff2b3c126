/**
 * Tracking codes (查询码): 8 symbols from a 32-symbol alphabet without 0/O/1/I (40 bits), short
 * enough to read aloud on the hotline and far too many to guess (1.1 × 10¹² codes). Shared by intake
 * (cryptographic randomness) and the demo-data generator (a seeded random source).
 */
export const TRACKING_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const TRACKING_LENGTH = 8;
export const TRACKING_CODE_RE = /^[2-9A-HJ-NP-Z]{8}$/;

/** A code from a source of uniform numbers in [0, 1) (the seed's deterministic generator). */
export function trackingCodeFrom(next: () => number): string {
  let out = '';
  for (let i = 0; i < TRACKING_LENGTH; i++) out += TRACKING_ALPHABET[Math.floor(next() * 32)]!;
  return out;
}

/** A fresh unguessable code (Web Crypto; 256 is a multiple of 32, so `byte & 31` is unbiased). */
export function newTrackingCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(TRACKING_LENGTH));
  let out = '';
  for (const b of bytes) out += TRACKING_ALPHABET[b & 31]!;
  return out;
}

/** Normalise what a person typed or read aloud: case, spaces and dashes; O→0 and I→1 never occur. */
export function normaliseTrackingCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}
