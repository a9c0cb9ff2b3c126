import 'server-only';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import {
  listCategoryRefs,
  listFacilityCategoryCounts,
  listFacilityEnforcement,
  listFacilityFindingSamples,
  listFindingFacilities,
  listOfficeClosureStats,
  type Window,
} from '@/db/queries/clues';
import { assertCan, complaintScope } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { divisionPrefix } from '@/lib/geo/division-code';
import { resolveAnalysisArea } from '@/lib/hotspots/analysis-area';
import type { FindingReport } from './clues.types';
import { getFacilityFindingSettings } from './facility-finding-settings.server';
import { type FacilityTestEvidence, testFacilityGroups } from './facility-findings';
import { closureFindings, enforcementFindings, type Finding } from './score-findings';

export interface DetectRequest {
  divisionCode?: string;
  /** Missing `from`: the settings' window (the last `windowMonths` months up to `to`, default now). */
  window?: { from?: Date; to?: Date };
  /** Complaints at a facility before a missing enforcement record is suspicious. */
  minComplaints?: number;
}

const SAMPLES = 8;

/** The window a request means: explicit bounds, else the last `months` calendar months up to `to`. */
export function resolveWindow(window: DetectRequest['window'], months: number, now = new Date()): Window {
  const to = window?.to ?? now;
  if (window?.from) return { from: window.from, to };
  const from = new Date(to);
  from.setUTCMonth(from.getUTCMonth() - months);
  return { from, to };
}

/**
 * Every cross-check over the caller's jurisdiction (inspectors only), best first.
 * Facility findings come from the city-wide facility test (`facility-findings.ts`: every facility of
 * a kind is the reference, the Benjamini–Hochberg family is every group tested in the city); the
 * caller sees those whose office supervises facilities in their area, with sample complaints from
 * their own jurisdiction only.
 */
export async function detectFindings(
  db: DbOrTx,
  user: AuthUser,
  request: DetectRequest = {},
): Promise<FindingReport> {
  assertCan(user, 'clue.manage');
  const divisionCode = resolveAnalysisArea(user, request.divisionCode);
  const settings = await getFacilityFindingSettings(db);
  const window = resolveWindow(request.window, settings.windowMonths);
  // Codes nest by prefix: the area's prefix selects its complaints (by village) and facilities.
  const prefix = divisionPrefix(divisionCode);
  const scope = sql`${complaintScope(user)} and starts_with(complaints.village_code, ${prefix})`;
  const facilityScope = sql`starts_with(f.division_code, ${prefix})`;
  const minComplaints = request.minComplaints ?? 10;
  const [facilities, counts, categories, closure, enforcement] = await Promise.all([
    listFindingFacilities(db),
    listFacilityCategoryCounts(db, { window }),
    listCategoryRefs(db),
    listOfficeClosureStats(db, { window, scope }),
    listFacilityEnforcement(db, { window, minComplaints, scope, facilityScope }),
  ]);
  const test = testFacilityGroups({ facilities, counts, categories }, settings);
  const inArea = new Set(facilities.filter((f) => f.divisionCode.startsWith(prefix)).map((f) => f.id));
  const facilityFindings = test.findings.filter((f) =>
    (f.evidence as unknown as FacilityTestEvidence).facilities.some((x) => inArea.has(x.id)),
  );
  for (const f of facilityFindings) {
    const evidence = f.evidence as unknown as FacilityTestEvidence;
    evidence.samples = await listFacilityFindingSamples(db, {
      window,
      facilityIds: f.facilityIds,
      codes: f.topics,
      scope,
      limit: SAMPLES,
    });
  }
  const findings: Finding[] = [
    ...facilityFindings,
    ...closureFindings(closure),
    ...enforcementFindings(enforcement, minComplaints),
  ];
  return {
    parameters: {
      divisionCode,
      from: window.from,
      to: window.to,
      minComplaints,
      facilityTest: { ...settings, tested: test.tested.length },
    },
    findings: findings.sort((a, b) => b.score - a.score),
  };
}
