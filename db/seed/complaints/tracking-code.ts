/**
 * Tracking codes: 8 symbols from a 32-symbol alphabet without 0/O/1/I (40 bits), short enough to
 * read aloud on the hotline and far too many to guess (1.1 × 10¹² codes).
 */
import type { Rng } from '../context';

export const TRACKING_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const TRACKING_LENGTH = 8;
export const TRACKING_CODE_RE = /^[2-9A-HJ-NP-Z]{8}$/;

export function trackingCode(rng: Rng): string {
  let out = '';
  for (let i = 0; i < TRACKING_LENGTH; i++) out += TRACKING_ALPHABET[Math.floor(rng.next() * 32)]!;
  return out;
}
