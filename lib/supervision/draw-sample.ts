/**
 * 抽查 sampling, reproducible: the same seed and population always give the same cases, whatever
 * order the population arrives in. Each id is ranked by a 53-bit hash of `seed:id`; the k lowest
 * ranks are drawn. Pure.
 */

/** Default share of an office's resolved cases drawn each month (SUQIU_SPOT_CHECK_SHARE overrides). */
export const DEFAULT_SPOT_CHECK_SHARE = 0.05;

/** The seed of a draw: month and office, so that anyone can re-run it. */
export function drawSeed(month: string, officeId: number): string {
  return `spot-check:${month}:office-${officeId}`;
}

/** How many of `population` to draw: round(share × n), at least 1 when there is anything to draw. */
export function sampleSize(population: number, share: number): number {
  if (population <= 0) return 0;
  return Math.min(population, Math.max(1, Math.round(population * share)));
}

/** cyrb53: a fast, well-mixed 53-bit string hash. */
export function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** The drawn ids, ascending. */
export function drawSample(ids: readonly number[], share: number, seed: string): number[] {
  const unique = [...new Set(ids)];
  const k = sampleSize(unique.length, share);
  return unique
    .map((id) => ({ id, rank: hash53(`${seed}:${id}`) }))
    .sort((a, b) => a.rank - b.rank || a.id - b.id)
    .slice(0, k)
    .map((x) => x.id)
    .sort((a, b) => a - b);
}

/** 'YYYY-MM' of the month before the one `now` falls in (China Standard Time). */
export function previousMonth(now: Date): string {
  const cst = new Date(now.getTime() + 8 * 3_600_000);
  const d = new Date(Date.UTC(cst.getUTCFullYear(), cst.getUTCMonth() - 1, 1));
  return d.toISOString().slice(0, 7);
}

export function currentMonth(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);
}

export function spotCheckShare(): number {
  const v = Number(process.env.SUQIU_SPOT_CHECK_SHARE);
  return v > 0 && v <= 1 ? v : DEFAULT_SPOT_CHECK_SHARE;
}
