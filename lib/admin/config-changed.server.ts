import 'server-only';
import { resetTriageRulesCache } from '@/lib/triage/get-triage-rules.server';
import { resetReferenceData } from '@/lib/workflow/get-reference-data.server';

/**
 * After an admin's configuration change has committed: drop this process's cached copies (intake's
 * reference data: routing table, offices, deadline policies, calendar; the triage rules), so the
 * next complaint uses the saved configuration. Other app instances pick it up when their caches
 * expire (reference data after SUQIU_REFERENCE_CACHE_MS, default 5 s; triage rules after 60 s).
 */
export function configChanged(): void {
  resetReferenceData();
  resetTriageRulesCache();
}
