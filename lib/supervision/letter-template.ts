/**
 * 督办函: the number format and the text filled in from the case. Pure.
 *
 * Number: `DB<year><6-digit sequence>` (e.g. DB2026000123), the year in China Standard Time, the
 * sequence counted per year (assigned in SQL, see db/queries/supervision.ts `insertLetterNextCode`).
 */
import { formatZhDate, formatZhDeadlineDate } from '@/lib/format/date-time';
import { cstDate } from '@/lib/sla/compute-deadlines';

/** Working days an office has to answer a letter. */
export const LETTER_RESPONSE_WORKING_DAYS = 3;

export const LETTER_CODE = /^DB(\d{4})(\d{6})$/;

export function letterCode(year: number, seq: number): string {
  return `DB${year}${String(seq).padStart(6, '0')}`;
}

export function letterYear(at: Date): number {
  return Number(cstDate(at).slice(0, 4));
}

/** '2026年3月5日' (China Standard Time; lib/format/date-time.ts). */
export const zhDate = (at: Date): string => formatZhDate(at);

export interface LetterFacts {
  trackingCode: string;
  title: string;
  submittedAt: Date;
  officeName: string;
  resolveDueAt: Date | null;
  firstReplyDueAt: Date | null;
  firstRepliedAt: Date | null;
  dueAt: Date;
  responseDays: number;
}

/** The letter's body (事由): what is late, since when, and what the office must do by when. */
export function letterReason(f: LetterFacts, now: Date): string {
  const late: string[] = [];
  if (f.resolveDueAt && f.resolveDueAt.getTime() < now.getTime())
    late.push(`办结时限（${formatZhDeadlineDate(f.resolveDueAt)}）`);
  if (!f.firstRepliedAt && f.firstReplyDueAt && f.firstReplyDueAt.getTime() < now.getTime())
    late.push(`首次答复时限（${formatZhDeadlineDate(f.firstReplyDueAt)}）`);
  const what = late.length > 0 ? `已超过${late.join('和')}` : '办理进度滞后';
  return (
    `${zhDate(f.submittedAt)}群众反映的诉求“${f.title}”（受理编号${f.trackingCode}），由你单位作为首接责任主体办理，` +
    `至今${what}，尚未办结。请你单位高度重视，立即组织核查办理，` +
    `并于${formatZhDeadlineDate(f.dueAt)}前（${f.responseDays}个工作日内）将办理情况书面报告。`
  );
}
