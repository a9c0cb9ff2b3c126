import { describe, expect, it } from 'vitest';
import { type DurationBucket, medianDaysFromHistogram } from './duration-histogram';

const H = 3600;
/** Buckets of exact durations (seconds), as the rollup trigger builds them. */
function histogram(seconds: number[]): DurationBucket[] {
  return seconds.map((s) => ({ hour: Math.floor(s / H), n: 1, seconds: s }));
}
function exactMedianDays(seconds: number[]): number {
  const s = [...seconds].sort((a, b) => a - b);
  const m = s.length / 2;
  return (s.length % 2 ? s[Math.floor(m)]! : (s[m - 1]! + s[m]!) / 2) / 86_400;
}

describe('medianDaysFromHistogram', () => {
  it('is null without cases and exact with one case per hour', () => {
    expect(medianDaysFromHistogram([])).toBeNull();
    const secs = [5 * 86_400, 31 * 86_400, 16 * 86_400 + 11.5 * H];
    expect(medianDaysFromHistogram(histogram(secs))).toBeCloseTo(exactMedianDays(secs), 9);
    const even = [2 * H, 7 * H + 59, 30 * H, 100 * H];
    expect(medianDaysFromHistogram(histogram(even))).toBeCloseTo(exactMedianDays(even), 9);
  });

  it('stays within one hour of the exact median when many cases share an hour', () => {
    let seed = 7;
    const rand = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + Math.floor(rand() * 400);
      const secs = Array.from({ length: n }, () => Math.floor(rand() * rand() * 40 * 86_400));
      const merged: DurationBucket[] = [];
      for (const s of secs) merged.push({ hour: Math.floor(s / H), n: 1, seconds: s });
      const got = medianDaysFromHistogram(merged)!;
      expect(Math.abs(got - exactMedianDays(secs)) * 24).toBeLessThan(1);
    }
  });

  it('drops emptied buckets (a case moved out leaves n = 0)', () => {
    expect(
      medianDaysFromHistogram([
        { hour: 3, n: 0, seconds: 0 },
        { hour: 5, n: 1, seconds: 5 * H + 10 },
      ]),
    ).toBeCloseTo((5 * H + 10) / 86_400, 9);
  });
});
