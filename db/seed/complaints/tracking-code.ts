/** Tracking codes for the demo data: the shared rule in `lib/complaints/tracking-code.ts`, seeded. */
import { TRACKING_CODE_RE, trackingCodeFrom } from '@/lib/complaints/tracking-code';
import type { Rng } from '../context';

export { TRACKING_CODE_RE };

export function trackingCode(rng: Rng): string {
  return trackingCodeFrom(() => rng.next());
}
