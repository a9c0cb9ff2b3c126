/**
 * The clue workflow for inspectors: 待评估 (new) → 初核 (verifying, preliminary check) →
 * 立案 (filed as a case) or 了结 (dismissed, closed with reasons). A clue can also be closed
 * straight from assessment. Every move needs a note.
 */
export const CLUE_STATUSES = ['new', 'verifying', 'filed', 'dismissed'] as const;
export type ClueStatus = (typeof CLUE_STATUSES)[number];

export const CLUE_TRANSITIONS: Record<ClueStatus, readonly ClueStatus[]> = {
  new: ['verifying', 'dismissed'],
  verifying: ['filed', 'dismissed'],
  filed: [],
  dismissed: [],
};

export function canMoveClue(from: ClueStatus, to: ClueStatus): boolean {
  return CLUE_TRANSITIONS[from].includes(to);
}
