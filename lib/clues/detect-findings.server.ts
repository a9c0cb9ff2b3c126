import 'server-only';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import {
  listFacilityEnforcement,
  listFacilityTopicStats,
  listOfficeClosureStats,
  type Window,
} from '@/db/queries/clues';
import { assertCan, complaintScope } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { divisionPrefix } from '@/lib/geo/division-code';
import { resolveAnalysisArea } from '@/lib/hotspots/analysis-area';
import {
  closureFindings,
  enforcementFindings,
  type Finding,
  facilityPatternFindings,
} from './score-findings';

export interface DetectRequest {
  divisionCode?: string;
  window: Window;
  /** Complaints on a topic for a facility to count as affected. */
  minPerFacility?: number;
  /** Complaints at a facility before a missing enforcement record is suspicious. */
  minComplaints?: number;
}

/** Every cross-check over the caller's jurisdiction (inspectors only), best first. */
export async function detectFindings(db: DbOrTx, user: AuthUser, request: DetectRequest) {
  assertCan(user, 'clue.manage');
  const divisionCode = resolveAnalysisArea(user, request.divisionCode);
  // Codes nest by prefix: the area's prefix selects its complaints (by village) and facilities.
  const prefix = divisionPrefix(divisionCode);
  const scope = sql`${complaintScope(user)} and starts_with(complaints.village_code, ${prefix})`;
  const facilityScope = sql`starts_with(f.division_code, ${prefix})`;
  const minPerFacility = request.minPerFacility ?? 2;
  const minComplaints = request.minComplaints ?? 10;
  const [topics, closure, enforcement] = await Promise.all([
    listFacilityTopicStats(db, { window: request.window, minPerFacility, scope, facilityScope }),
    listOfficeClosureStats(db, { window: request.window, scope }),
    listFacilityEnforcement(db, { window: request.window, minComplaints, scope, facilityScope }),
  ]);
  const findings: Finding[] = [
    ...facilityPatternFindings(topics),
    ...closureFindings(closure),
    ...enforcementFindings(enforcement, minComplaints),
  ];
  return {
    parameters: {
      divisionCode,
      from: request.window.from,
      to: request.window.to,
      minPerFacility,
      minComplaints,
    },
    findings: findings.sort((a, b) => b.score - a.score),
  };
}
