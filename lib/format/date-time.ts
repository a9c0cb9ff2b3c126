/**
 * The one date and time formatter of the app (screens, letters, exports, the report HTML and PDF).
 * Pure and universal: the same function runs on the server and in the browser, whatever their
 * time zone, so two screens can never print two different days for one instant.
 *
 * Every instant is shown in China Standard Time (Asia/Shanghai, UTC+8, no daylight saving).
 * Written forms, the same in Chinese and English:
 * - date and time: `2026-11-25 14:05` (24-hour clock, minutes);
 * - date: `2026-11-25`; in letters and other official Chinese text: `2026年11月25日`;
 * - month: `2026-11` (axes and tables; always with the year), `2026年11月` in Chinese prose.
 *
 * **Deadlines at 24:00.** A limit of N days ends at 24:00 of its last day (lib/sla/compute-deadlines.ts)
 * and is stored as the instant 00:00 of the following day. It is always shown as the day it ends:
 * `2026-11-25 24:00`, `2026-11-25`, `2026年11月25日` (never `2026-11-26 00:00`). Use the `Deadline`
 * functions for every deadline (resolve, first reply, letter answer); an instant that is not exactly
 * midnight (e.g. a dispatch deadline 24 hours after submission) prints as it is.
 */

export type Instant = Date | string | number | null | undefined;

/** What is printed for a missing instant. */
export const NO_DATE = '—';

const CST_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

function toMs(at: Instant): number | null {
  if (at === null || at === undefined || at === '') return null;
  const ms = at instanceof Date ? at.getTime() : typeof at === 'number' ? at : Date.parse(at);
  return Number.isNaN(ms) ? null : ms;
}

/** 'YYYY-MM-DDTHH:mm' of the instant's China Standard Time wall clock. */
function cstIso(ms: number): string {
  return new Date(ms + CST_OFFSET_MS).toISOString().slice(0, 16);
}

/** Whether the instant is exactly 00:00:00.000 China Standard Time (a deadline's 24:00). */
export function isCstMidnight(at: Instant): boolean {
  const ms = toMs(at);
  return ms !== null && (ms + CST_OFFSET_MS) % DAY_MS === 0;
}

/** `2026-11-25 14:05`. */
export function formatDateTime(at: Instant): string {
  const ms = toMs(at);
  if (ms === null) return NO_DATE;
  const iso = cstIso(ms);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

/**
 * `2026-11-25T14:05:09+08:00`: a W3C date-time with the China Standard Time offset, for APIs
 * (Open311) whose readers should see the same wall clock as the screens; null for a missing instant.
 */
export function formatW3cDateTime(at: Instant): string | null {
  const ms = toMs(at);
  if (ms === null) return null;
  return `${new Date(ms + CST_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

/** `2026-11-25`. */
export function formatDate(at: Instant): string {
  const ms = toMs(at);
  return ms === null ? NO_DATE : cstIso(ms).slice(0, 10);
}

/** The day a deadline ends on, `YYYY-MM-DD`: a deadline at 00:00 belongs to the day before. */
export function deadlineDay(at: Instant): string {
  const ms = toMs(at);
  if (ms === null) return NO_DATE;
  return cstIso(isCstMidnight(ms) ? ms - DAY_MS : ms).slice(0, 10);
}

/** A deadline with its time: `2026-11-25 24:00` for one stored as 2026-11-26 00:00. */
export function formatDeadline(at: Instant): string {
  const ms = toMs(at);
  if (ms === null) return NO_DATE;
  return isCstMidnight(ms) ? `${deadlineDay(ms)} 24:00` : formatDateTime(ms);
}

/** A deadline's day: `2026-11-25` for one stored as 2026-11-26 00:00. */
export function formatDeadlineDate(at: Instant): string {
  return deadlineDay(at);
}

function zh(day: string): string {
  if (day === NO_DATE) return day;
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** `2026年11月25日` (official Chinese text: letters). */
export function formatZhDate(at: Instant): string {
  return zh(formatDate(at));
}

/** A deadline's day in official Chinese text: `2026年11月25日` for one stored as 2026-11-26 00:00. */
export function formatZhDeadlineDate(at: Instant): string {
  return zh(deadlineDay(at));
}

/** A month: `2026-11` from `2026-11`, `2026-11-01` or an instant. */
export function formatMonth(month: Instant): string {
  if (typeof month === 'string' && /^\d{4}-\d{2}(-\d{2})?$/.test(month)) return month.slice(0, 7);
  const ms = toMs(month);
  return ms === null ? NO_DATE : cstIso(ms).slice(0, 7);
}

/** A month in Chinese prose: `2026年11月`. */
export function formatZhMonth(month: Instant): string {
  const m = formatMonth(month);
  if (m === NO_DATE) return m;
  return `${Number(m.slice(0, 4))}年${Number(m.slice(5, 7))}月`;
}
