/**
 * Did the picked problem's monthly count fall after it became the month's topic? Pure.
 *
 * Before: the (up to) 12 whole months before the topic's month (not those before the city's first
 * complaint: no data is not zero complaints); after: the whole months after it,
 * up to the last whole month before now (the topic's own month, when the work happens, is in
 * neither, nor is the current partial month). Means are complaints per month. The test compares
 * two Poisson rates conditionally on the total (the exact test for a rate ratio): with x_b in t_b
 * months before and x_a in t_a after, under equal rates x_a | x_a + x_b = N ~ Binomial(N, t_a /
 * (t_a + t_b)); P(X ≤ x_a) is the one-sided p for a decrease, P(X ≥ x_a) for an increase; a verdict
 * at 0.05; 'too_early' without a whole month after.
 */
import { binomialUpperTail } from '@/lib/clues/binomial-tail';
import type { BeforeAfter } from './topic-types';

/** 'YYYY-MM' k months after `m` (k may be negative). */
export function addMonths(m: string, k: number): string {
  const y = Number(m.slice(0, 4));
  const mo = Number(m.slice(5, 7)) - 1 + k;
  const d = new Date(Date.UTC(y, mo, 1));
  return d.toISOString().slice(0, 7);
}

export function compareBeforeAfter(p: {
  months: readonly string[];
  counts: readonly number[];
  topicMonth: string;
  currentMonth: string;
  /** The month of the city's first complaint: months before it have no data, not zero complaints. */
  firstMonth?: string;
  alpha?: number;
}): BeforeAfter {
  const alpha = p.alpha ?? 0.05;
  let xb = 0;
  let tb = 0;
  let xa = 0;
  let ta = 0;
  const twelveBack = addMonths(p.topicMonth, -12);
  const firstBefore = p.firstMonth && p.firstMonth > twelveBack ? p.firstMonth : twelveBack;
  p.months.forEach((m, i) => {
    const n = p.counts[i] ?? 0;
    if (m >= firstBefore && m < p.topicMonth) {
      xb += n;
      tb++;
    } else if (m > p.topicMonth && m < p.currentMonth) {
      xa += n;
      ta++;
    }
  });
  const before = { months: tb, total: xb, mean: tb > 0 ? xb / tb : 0 };
  const after = { months: ta, total: xa, mean: ta > 0 ? xa / ta : 0 };
  if (ta === 0 || tb === 0)
    return { before, after, rateRatio: null, pDecrease: null, pIncrease: null, verdict: 'too_early' };
  const n = xa + xb;
  const pi = ta / (ta + tb);
  const pDecrease = n === 0 ? 1 : 1 - binomialUpperTail(xa + 1, n, pi);
  const pIncrease = n === 0 ? 1 : binomialUpperTail(xa, n, pi);
  const rateRatio = before.mean > 0 ? after.mean / before.mean : null;
  const verdict = pDecrease < alpha ? 'fell' : pIncrease < alpha ? 'rose' : 'no_change';
  return {
    before,
    after,
    rateRatio,
    pDecrease: Math.max(0, Math.min(1, pDecrease)),
    pIncrease,
    verdict,
  };
}
