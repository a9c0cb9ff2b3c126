/** The audit trail's action names. Pure; shared by the writers and the verifier. */
export const AUDIT = {
  /** A complaint changed status or was re-categorised, merged … (`lib/workflow/transition.server.ts`). */
  complaintTransition: 'complaint.transition',
  /** A new complaint or misconduct report was submitted (resident, grid worker or Open311). */
  complaintSubmit: 'complaint.submit',
  /** Staff confirmed, corrected or cleared a complaint's building or facility link (`lib/linking/`). */
  complaintLink: 'complaint.link',
  /** Supervision: letters issued, acknowledged, answered. */
  letterIssue: 'letter.issue',
  letterRespond: 'letter.respond',
  /** Spot checks drawn and recorded. */
  spotCheckDraw: 'spot_check.draw',
  spotCheckRecord: 'spot_check.record',
  /** Follow-up visits (回访). */
  visitRecord: 'visit.record',
  /** Clue workflow: created, status changed, note added. */
  clueChange: 'clue.change',
  authLogin: 'auth.login',
  authLoginFailed: 'auth.login_failed',
  authLockout: 'auth.lockout',
  authLogout: 'auth.logout',
  userPermissionChange: 'user.permission_change',
  configChange: 'config.change',
  export: 'export',
  /** A reporter's full name and phone were shown. */
  contactUnmask: 'contact.unmask',
  /** A grid's person registry was shown unmasked. */
  personUnmask: 'person.unmask',
  /** A recurring problem picked as the month's topic (每月一题). */
  topicPick: 'topic.pick',
} as const;

export type AuditAction = (typeof AUDIT)[keyof typeof AUDIT];

export const AUDIT_ACTIONS: readonly AuditAction[] = Object.values(AUDIT);
