/**
 * The days a surge run looks at, in China Standard Time (UTC+8, no DST). Pure; `now` is an argument.
 */
import { CST_OFFSET_MS } from '@/lib/sla/compute-deadlines';
import { SURGE_DEFAULTS } from './surge-model';

const DAY_MS = 86_400_000;

export interface SurgeDays {
  /** Today, 'YYYY-MM-DD' (CST). */
  today: string;
  /** Monday 0 … Sunday 6. */
  todayWeekday: number;
  /** 00:00 CST today. */
  todayStart: Date;
  /** 00:00 CST six days ago: the week window is [weekStart, now]. */
  weekStart: Date;
  /** The baseline window [baselineStart, weekStart). */
  baselineStart: Date;
  /** Start of the baseline's last 28 days (the level drift). */
  lastFourWeeksStart: Date;
}

export function surgeDays(
  now: Date,
  params: { baselineDays: number; recentDays: number } = SURGE_DEFAULTS,
): SurgeDays {
  const local = now.getTime() + CST_OFFSET_MS;
  const dayIndex = Math.floor(local / DAY_MS);
  const todayStart = new Date(dayIndex * DAY_MS - CST_OFFSET_MS);
  const weekStart = new Date(todayStart.getTime() - (params.recentDays - 1) * DAY_MS);
  return {
    today: new Date(dayIndex * DAY_MS).toISOString().slice(0, 10),
    // 1970-01-01 was a Thursday (Monday 0 → Thursday 3).
    todayWeekday: (((dayIndex + 3) % 7) + 7) % 7,
    todayStart,
    weekStart,
    baselineStart: new Date(weekStart.getTime() - params.baselineDays * DAY_MS),
    lastFourWeeksStart: new Date(weekStart.getTime() - 28 * DAY_MS),
  };
}
