/**
 * Clue findings from cross-checks, as pure functions of the statistics (tested on hand-built rows).
 * Every finding carries a score in [0, 1] and a sentence saying why, in Chinese and English.
 *
 * - facility_pattern: one supervising office's facilities of a kind draw significantly more
 *   complaints of a category than the same kind elsewhere (a binomial test with facility-count
 *   exposure and Benjamini–Hochberg over all groups): `facility-findings.ts`.
 * - paper_closure: an office whose resolved cases are rated unsatisfied or reopened at ≥ 2× the
 *   overall rate (≥ 10 resolved, ≥ 3 disputed). score = 0.5 + 0.5 · min(1, (ratio − 2) / 4)
 * - spot_check_failure: an office with ≥ 2 failed spot checks and a failure rate ≥ 2× overall.
 *   score = 0.5 + 0.5 · min(1, (ratio − 2) / 4)
 * - no_enforcement: a facility among the most complained-about (≥ minComplaints) with no
 *   inspection or penalty on record in the window — judged only where the supervising office's
 *   enforcement records have been imported at all (no records anywhere is missing data, not
 *   evidence). score = min(1, 0.4 + complaints / (4 · minComplaints))
 */
import type { FacilityEnforcementRow, OfficeClosureRow } from '@/db/queries/clues';

export type FindingKind = 'facility_pattern' | 'paper_closure' | 'spot_check_failure' | 'no_enforcement';

export interface Finding {
  /** Stable across runs for the same subject, so a finding already turned into a clue is recognised. */
  key: string;
  kind: FindingKind;
  score: number;
  officeId: number;
  officeName: string;
  title: { zh: string; en: string };
  why: { zh: string; en: string };
  facilityIds: number[];
  topics: string[];
  evidence: Record<string, unknown>;
}

export const FACILITY_KIND_NAMES: Record<string, { zh: string; en: string }> = {
  community_health_centre: { zh: '社区卫生服务中心', en: 'community health centres' },
  hospital: { zh: '医院', en: 'hospitals' },
  school: { zh: '学校', en: 'schools' },
  kindergarten: { zh: '幼儿园', en: 'kindergartens' },
  market: { zh: '农贸市场', en: 'markets' },
  residential_compound: { zh: '住宅小区', en: 'residential compounds' },
  water_works: { zh: '水厂', en: 'water works' },
  elderly_care: { zh: '养老机构', en: 'elderly care homes' },
  bus_station: { zh: '客运站', en: 'bus stations' },
};

const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;

export function closureFindings(rows: readonly OfficeClosureRow[]): Finding[] {
  const resolved = rows.reduce((s, r) => s + r.resolved, 0);
  const disputed = rows.reduce((s, r) => s + r.disputed, 0);
  const checks = rows.reduce((s, r) => s + r.spotChecks, 0);
  const failed = rows.reduce((s, r) => s + r.spotChecksFailed, 0);
  const overallDispute = resolved > 0 ? disputed / resolved : 0;
  const overallFail = checks > 0 ? failed / checks : 0;
  const findings: Finding[] = [];
  for (const r of rows) {
    const rate = r.resolved > 0 ? r.disputed / r.resolved : 0;
    if (r.resolved >= 10 && r.disputed >= 3 && overallDispute > 0 && rate >= 2 * overallDispute) {
      const ratio = rate / overallDispute;
      findings.push({
        key: `paper_closure:${r.officeId}`,
        kind: 'paper_closure',
        score: round(0.5 + 0.5 * Math.min(1, (ratio - 2) / 4)),
        officeId: r.officeId,
        officeName: r.officeName,
        title: { zh: `${r.officeName}疑似"纸面办结"`, en: `${r.officeName}: suspected closure on paper` },
        why: {
          zh: `${r.officeName}办结的${r.resolved}件诉求中有${r.disputed}件（${Math.round(rate * 100)}%）被评价不满意或重办，是全部单位平均水平（${Math.round(overallDispute * 100)}%）的${round(ratio, 1)}倍。`,
          en: `${r.disputed} of ${r.resolved} cases resolved by ${r.officeName} (${Math.round(rate * 100)}%) were rated unsatisfied or reopened, ${round(ratio, 1)}× the overall rate (${Math.round(overallDispute * 100)}%).`,
        },
        facilityIds: [],
        topics: [],
        evidence: {
          resolved: r.resolved,
          disputed: r.disputed,
          rate: round(rate, 3),
          overallRate: round(overallDispute, 3),
        },
      });
    }
    const failRate = r.spotChecks > 0 ? r.spotChecksFailed / r.spotChecks : 0;
    if (r.spotChecksFailed >= 2 && failRate >= Math.max(2 * overallFail, 0.1)) {
      const ratio = overallFail > 0 ? failRate / overallFail : 4;
      findings.push({
        key: `spot_check_failure:${r.officeId}`,
        kind: 'spot_check_failure',
        score: round(0.5 + 0.5 * Math.min(1, (ratio - 2) / 4)),
        officeId: r.officeId,
        officeName: r.officeName,
        title: { zh: `${r.officeName}抽查多次未通过`, en: `${r.officeName}: spot checks failing` },
        why: {
          zh: `${r.officeName}被抽查的${r.spotChecks}件已办结诉求中有${r.spotChecksFailed}件核实未真正解决（${Math.round(failRate * 100)}%），全部单位平均为${Math.round(overallFail * 100)}%。`,
          en: `${r.spotChecksFailed} of ${r.spotChecks} spot-checked cases of ${r.officeName} were found not actually resolved (${Math.round(failRate * 100)}%; overall ${Math.round(overallFail * 100)}%).`,
        },
        facilityIds: [],
        topics: [],
        evidence: {
          spotChecks: r.spotChecks,
          failed: r.spotChecksFailed,
          rate: round(failRate, 3),
          overallRate: round(overallFail, 3),
        },
      });
    }
  }
  return findings.sort((a, b) => b.score - a.score);
}

export function enforcementFindings(
  rows: readonly FacilityEnforcementRow[],
  minComplaints: number,
): Finding[] {
  return rows
    .filter((r) => r.officeHasRecords && r.complaints >= minComplaints && r.enforcementActions === 0)
    .map((r) => {
      const kindName = FACILITY_KIND_NAMES[r.kind] ?? { zh: r.kind, en: r.kind };
      return {
        key: `no_enforcement:${r.facilityId}`,
        kind: 'no_enforcement' as const,
        score: round(Math.min(1, 0.4 + r.complaints / (4 * minComplaints))),
        officeId: r.officeId,
        officeName: r.officeName,
        title: {
          zh: `${r.facilityName}诉求多发但无执法记录`,
          en: `${r.facilityName}: many complaints, no enforcement`,
        },
        why: {
          zh: `${kindName.zh}"${r.facilityName}"在该时段被反映${r.complaints}件，监管单位${r.officeName}同期没有任何检查或处罚记录。`,
          en: `${r.facilityName} drew ${r.complaints} complaints in the window while its supervising office ${r.officeName} recorded no inspection or penalty.`,
        },
        facilityIds: [r.facilityId],
        topics: [],
        evidence: { complaints: r.complaints, enforcementActions: 0 },
      };
    })
    .sort((a, b) => b.score - a.score);
}
