import { describe, expect, it } from 'vitest';
import type { FacilityTopicRow, OfficeClosureRow } from '@/db/queries/clues';
import { closureFindings, enforcementFindings, facilityPatternFindings } from './score-findings';

const facilities = (n: number, count: number) =>
  Array.from({ length: n }, (_, i) => ({ id: i + 1, name: `中心${i + 1}`, count }));
const topic = (over: Partial<FacilityTopicRow>): FacilityTopicRow => ({
  officeId: 7,
  officeName: '西区卫生健康局',
  kind: 'community_health_centre',
  topic: 'WJ01',
  topicName: '药品价格',
  facilitiesTotal: 6,
  facilitiesWithTopic: 6,
  complaints: 60,
  baselinePerFacility: 1,
  facilities: facilities(6, 10),
  ...over,
});

describe('facility pattern findings', () => {
  it('finds 6 of 6 centres sharing three topics, with the score by hand', () => {
    const rows = [
      topic({}),
      topic({ topic: 'WJ02', topicName: '就医环境', complaints: 30, baselinePerFacility: 0.5 }),
      topic({ topic: 'WJ03', topicName: '医疗设备', complaints: 24, baselinePerFacility: 0.25 }),
    ];
    const [f] = facilityPatternFindings(rows);
    // lifts: 60/6/1 = 10, 30/6/0.5 = 10, 24/6/0.25 = 16 → mean 12; share 1; 3 topics.
    // score = 0.4·1 + 0.3·1 + 0.3·min(1, log2(12)/4) = 0.7 + 0.3·0.8962 = 0.9689 → 0.97
    expect(f?.score).toBe(0.97);
    expect(f?.topics).toEqual(['WJ01', 'WJ02', 'WJ03']);
    expect(f?.title.zh).toBe('西区卫生健康局监管的6个社区卫生服务中心共同被反映药品价格、就医环境、医疗设备');
    expect(f?.why.zh).toContain('6个（100%）');
    expect(f?.key).toBe('facility_pattern:7:community_health_centre');
  });

  it('ignores topics shared by too few facilities, or no more often than elsewhere', () => {
    expect(facilityPatternFindings([topic({ facilitiesWithTopic: 2 })])).toEqual([]);
    expect(facilityPatternFindings([topic({ facilitiesTotal: 10, facilitiesWithTopic: 4 })])).toEqual([]);
    expect(facilityPatternFindings([topic({ complaints: 6, baselinePerFacility: 1 })])).toEqual([]);
  });
});

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
