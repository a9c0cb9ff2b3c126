/**
 * The median handling time from an hourly histogram (the statistics rollups keep, per area and
 * month of resolution, how many cases took each whole number of hours and their exact seconds).
 * Pure.
 */

export interface DurationBucket {
  /** Whole hours (floor of seconds ÷ 3600). */
  hour: number;
  n: number;
  /** The bucket's seconds summed. */
  seconds: number;
}

/** Merge buckets of the same hour. */
export function mergeBuckets(buckets: Iterable<DurationBucket>): DurationBucket[] {
  const byHour = new Map<number, DurationBucket>();
  for (const b of buckets) {
    const into = byHour.get(b.hour);
    if (into) {
      into.n += b.n;
      into.seconds += b.seconds;
    } else byHour.set(b.hour, { ...b });
  }
  return [...byHour.values()].filter((b) => b.n > 0).sort((a, b) => a.hour - b.hour);
}

/**
 * The median in days as `percentile_cont(0.5)` defines it (the middle value, or the mean of the
 * two middle values), each middle value read as the mean of its hour's bucket: exact when the
 * bucket holds one case (or equal ones), otherwise within the hour, so within one hour overall.
 * null for no cases.
 */
export function medianDaysFromHistogram(buckets: readonly DurationBucket[]): number | null {
  const sorted = mergeBuckets(buckets);
  const total = sorted.reduce((s, b) => s + b.n, 0);
  if (total === 0) return null;
  const at = (rank: number) => {
    let seen = 0;
    for (const b of sorted) {
      seen += b.n;
      if (rank < seen) return b.seconds / b.n;
    }
    throw new Error('rank out of range');
  };
  const lo = Math.floor((total - 1) / 2);
  const hi = Math.ceil((total - 1) / 2);
  return (at(lo) + at(hi)) / 2 / 86_400;
}
