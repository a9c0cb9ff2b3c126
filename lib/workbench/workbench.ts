/**
 * The workbench's figures: each a count with the list it comes from (a link that shows exactly
 * those cases), in the order a role works them. Pure.
 */

export type WorkbenchTone = 'alert' | 'warn' | 'neutral';

export interface WorkbenchTile {
  /** Names the label: `shell.workbench.tiles.<key>`. */
  key: string;
  count: number;
  href: string;
  /** alert (red) or warn (amber) only when the count is above zero. */
  tone: WorkbenchTone;
}

/** 00:00 Asia/Shanghai (UTC+8, no daylight saving) of the day `now` falls on. */
export function shanghaiDayStart(now: Date): Date {
  const offset = 8 * 3_600_000;
  const day = 86_400_000;
  return new Date(Math.floor((now.getTime() + offset) / day) * day - offset);
}

export function tile(
  key: string,
  count: number,
  href: string,
  tone: WorkbenchTone = 'neutral',
): WorkbenchTile {
  return { key, count, href, tone: count > 0 ? tone : 'neutral' };
}
