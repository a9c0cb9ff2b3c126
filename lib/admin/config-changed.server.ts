import 'server-only';
import { resetReferenceData } from '@/lib/workflow/get-reference-data.server';

/**
 * After an admin's configuration change has committed: drop this process's cached copies (intake's
 * reference data: routing table, offices, deadline policies, calendar, triage rules), so the next
 * complaint uses the saved configuration. Other app instances pick it up when their cache expires
 * (SUQIU_REFERENCE_CACHE_MS, default 5 s).
 */
export function configChanged(): void {
  resetReferenceData();
}
