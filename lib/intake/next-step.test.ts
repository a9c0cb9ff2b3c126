import { describe, expect, it } from 'vitest';
import { manualReasonOf, nextStepOf } from './next-step';

const base = {
  kind: 'complaint' as const,
  status: 'triaged',
  officeName: null,
  responsibleOfficeId: null,
  routingReason: null,
  firstRepliedAt: null,
  dispatchDueAt: new Date('2026-05-21T08:00:00Z'),
  firstReplyDueAt: new Date('2026-05-25T16:00:00Z'),
  resolveDueAt: new Date('2026-06-04T16:00:00Z'),
};

describe('manualReasonOf', () => {
  it('reads the reasons routing, triage and the return verb write', () => {
    expect(manualReasonOf('分类未能识别，待人工派单', 'triaged')).toBe('low_confidence');
    expect(manualReasonOf('分类置信度不足（0.41 < 0.60），转人工派单', 'triaged')).toBe('low_confidence');
    expect(
      manualReasonOf(
        '位置距金江镇某村边界仅35米（阈值80米），两侧责任单位不同（甲 / 乙），转人工派单',
        'triaged',
      ),
    ).toBe('near_boundary');
    expect(manualReasonOf('位置不在任何村/社区范围内，转人工派单', 'triaged')).toBe('outside_area');
    expect(manualReasonOf('SL01 在镇/街道层级、某村无匹配的权责规则，转人工派单', 'triaged')).toBe('no_rule');
    expect(manualReasonOf('退单：不属于本单位职责', 'returned')).toBe('returned');
    expect(manualReasonOf(null, 'returned')).toBe('returned');
    expect(manualReasonOf('违纪违法线索只由纪委受理，规则指向某局，转人工派单', 'triaged')).toBe('other');
  });
});

describe('nextStepOf', () => {
  it('a triaged case without an office waits for manual dispatch, with the reason kind only', () => {
    const step = nextStepOf({ ...base, routingReason: '分类未能识别，待人工派单' });
    expect(step).toEqual({
      kind: 'manual',
      reason: 'low_confidence',
      dispatchDue: '2026-05-21T08:00:00.000Z',
    });
    expect(JSON.stringify(step)).not.toContain('分类');
  });

  it('a dispatched case names the office and the first-reply deadline until the reply is sent', () => {
    const dispatched = {
      ...base,
      status: 'dispatched',
      officeName: '西区卫生健康局',
      responsibleOfficeId: 7,
    };
    expect(nextStepOf(dispatched)).toEqual({
      kind: 'dispatched',
      office: '西区卫生健康局',
      firstReplyDue: '2026-05-25T16:00:00.000Z',
      resolveDue: '2026-06-04T16:00:00.000Z',
    });
    expect(nextStepOf({ ...dispatched, firstRepliedAt: new Date('2026-05-22T00:00:00Z') })).toMatchObject({
      firstReplyDue: null,
    });
  });

  it('follows the case to the end, and says nothing about a misconduct report', () => {
    const office = { officeName: '某局', responsibleOfficeId: 3 };
    expect(nextStepOf({ ...base, ...office, status: 'accepted' })).toEqual({
      kind: 'handling',
      office: '某局',
      resolveDue: '2026-06-04T16:00:00.000Z',
    });
    expect(nextStepOf({ ...base, status: 'received' }).kind).toBe('triage');
    expect(nextStepOf({ ...base, ...office, status: 'resolved' }).kind).toBe('rate');
    expect(nextStepOf({ ...base, ...office, status: 'closed' }).kind).toBe('closed');
    expect(nextStepOf({ ...base, status: 'merged' }).kind).toBe('merged');
    expect(nextStepOf({ ...base, kind: 'misconduct', routingReason: '边界' })).toEqual({
      kind: 'misconduct',
    });
  });
});
