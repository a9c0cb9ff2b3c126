import { type DeadlineState, deadlineState } from '@/lib/sla/deadline-state';

/** A letter's own deadline state: answered → done; else the three colours against its answer deadline. */
export function letterState(
  letter: { answeredAt: Date | string | null; dueAt: Date | string },
  now: Date,
): DeadlineState {
  return deadlineState(letter.answeredAt ? 'resolved' : 'open', new Date(letter.dueAt), now, 24);
}

export const fmtTime = (d: Date | string | null | undefined) =>
  d ? new Date(d).toLocaleString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' }) : '—';

export const fmtDay = (d: Date | string | null | undefined) =>
  d ? new Date(d).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' }) : '—';
