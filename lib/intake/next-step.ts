/**
 * What happens next to a complaint, in terms a resident understands (the receipt and the tracking
 * page): "已研判，将由工作人员人工分派（分类置信度不足）", "已派至 XX 办理，首次答复时限 …". Pure.
 * The internal routing reason never leaves the server: only its kind does.
 */

/** Why a case waits for a person to dispatch it. */
export const MANUAL_REASONS = [
  'low_confidence',
  'near_boundary',
  'outside_area',
  'no_rule',
  'returned',
  'other',
] as const;
export type ManualReason = (typeof MANUAL_REASONS)[number];

export type NextStep =
  | { kind: 'triage' }
  | { kind: 'manual'; reason: ManualReason; dispatchDue: string | null }
  | { kind: 'dispatched'; office: string | null; firstReplyDue: string | null; resolveDue: string | null }
  | { kind: 'handling'; office: string | null; resolveDue: string | null }
  | { kind: 'rate' }
  | { kind: 'closed' }
  | { kind: 'merged' }
  | { kind: 'rejected' }
  | { kind: 'misconduct' };

/**
 * The kind of a manual-dispatch reason as routing and triage write it (lib/routing/decide-routing.ts,
 * the intake writer, the return verb): a return (退单), a point near a village boundary with
 * different offices on each side, a point outside every village, no routing rule, or a category
 * the classifier could not tell (分类未能识别 / 分类置信度不足).
 */
export function manualReasonOf(routingReason: string | null, status: string): ManualReason {
  const r = routingReason ?? '';
  if (status === 'returned' || r.startsWith('退单')) return 'returned';
  if (/边界/.test(r)) return 'near_boundary';
  if (/不在任何村/.test(r)) return 'outside_area';
  if (/无匹配的权责规则/.test(r)) return 'no_rule';
  if (/分类|置信度/.test(r)) return 'low_confidence';
  return 'other';
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function nextStepOf(c: {
  kind: 'complaint' | 'misconduct';
  status: string;
  officeName: string | null;
  responsibleOfficeId: number | null;
  routingReason: string | null;
  firstRepliedAt: Date | null;
  dispatchDueAt: Date | null;
  firstReplyDueAt: Date | null;
  resolveDueAt: Date | null;
}): NextStep {
  if (c.kind === 'misconduct') return { kind: 'misconduct' };
  switch (c.status) {
    case 'received':
      return { kind: 'triage' };
    case 'triaged':
    case 'returned':
      if (c.responsibleOfficeId === null)
        return {
          kind: 'manual',
          reason: manualReasonOf(c.routingReason, c.status),
          dispatchDue: iso(c.dispatchDueAt),
        };
      return {
        kind: 'dispatched',
        office: c.officeName,
        firstReplyDue: null,
        resolveDue: iso(c.resolveDueAt),
      };
    case 'dispatched':
    case 'transferred':
    case 'escalated':
      return {
        kind: 'dispatched',
        office: c.officeName,
        firstReplyDue: c.firstRepliedAt ? null : iso(c.firstReplyDueAt),
        resolveDue: iso(c.resolveDueAt),
      };
    case 'accepted':
    case 'in_progress':
    case 'reopened':
      return { kind: 'handling', office: c.officeName, resolveDue: iso(c.resolveDueAt) };
    case 'resolved':
      return { kind: 'rate' };
    case 'merged':
      return { kind: 'merged' };
    case 'rejected':
      return { kind: 'rejected' };
    default:
      return { kind: 'closed' };
  }
}
