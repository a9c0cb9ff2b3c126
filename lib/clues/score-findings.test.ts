import { describe, expect, it } from 'vitest';
import type { OfficeClosureRow } from '@/db/queries/clues';
import { closureFindings, enforcementFindings } from './score-findings';

describe('closure and enforcement findings', () => {
  const office = (
    id: number,
    resolved: number,
    disputed: number,
    spotChecks = 0,
    failed = 0,
  ): OfficeClosureRow => ({
    officeId: id,
    officeName: `单位${id}`,
    resolved,
    disputed,
    spotChecks,
    spotChecksFailed: failed,
  });
  it('flags an office disputed at ≥ 2× the overall rate', () => {
    // overall (8 + 2 + 2) / (40 + 100 + 100) = 0.05; office 1: 0.2 → ratio 4 → score 0.5 + 0.5·0.5 = 0.75.
    const findings = closureFindings([office(1, 40, 8), office(2, 100, 2), office(3, 100, 2)]);
    expect(findings.map((f) => [f.key, f.score])).toEqual([['paper_closure:1', 0.75]]);
  });
  it('flags failing spot checks', () => {
    const findings = closureFindings([office(1, 5, 0, 4, 3), office(2, 5, 0, 20, 1)]);
    expect(findings.map((f) => f.key)).toEqual(['spot_check_failure:1']);
  });
  it('flags facilities with many complaints and no enforcement', () => {
    const rows = [
      {
        facilityId: 1,
        facilityName: '某市场',
        kind: 'market',
        officeId: 3,
        officeName: '市场监管局',
        complaints: 20,
        enforcementActions: 0,
        officeHasRecords: true,
      },
      {
        facilityId: 2,
        facilityName: '另一市场',
        kind: 'market',
        officeId: 3,
        officeName: '市场监管局',
        complaints: 30,
        enforcementActions: 2,
        officeHasRecords: true,
      },
      {
        facilityId: 3,
        facilityName: '无记录市场',
        kind: 'market',
        officeId: 4,
        officeName: '某局',
        complaints: 40,
        enforcementActions: 0,
        officeHasRecords: false,
      },
    ];
    const findings = enforcementFindings(rows, 10);
    expect(findings.map((f) => [f.key, f.score])).toEqual([['no_enforcement:1', 0.9]]);
  });
});
