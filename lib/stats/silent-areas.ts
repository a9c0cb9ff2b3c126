/**
 * Per-capita complaint rates and silent areas (沉默区域). Pure.
 *
 * Rate: complaints per 10,000 residents of the person registry (人到户). A silent area is a village or
 * grid whose count is far below what comparable areas (same county, same urban/rural type) would give
 * it: expected = residents × the rate of the other comparable areas (the area itself left out, so a
 * big silent area does not lower its own reference); p = P(X ≤ observed) for X ~ Poisson(expected), a
 * one-sided exact test; Benjamini–Hochberg q-values over every area tested. Silent when q < `q` and
 * observed ≤ `maxRatio` × expected. Areas with fewer than `minResidents` residents, or whose group has
 * no other area, are not tested. Under-reporting is a finding for a grid worker's visit, not good news.
 */
import { bhQValues } from '@/lib/hotspots/fdr';

export interface AreaCount {
  code: string;
  /** Comparable areas share a group (county × urban/rural type). */
  group: string;
  residents: number;
  complaints: number;
}

export interface AreaRate extends AreaCount {
  per10k: number | null;
  /** Null when not tested. */
  expected: number | null;
  p: number | null;
  q: number | null;
  silent: boolean;
}

export const per10k = (complaints: number, residents: number): number | null =>
  residents > 0 ? (complaints / residents) * 10_000 : null;

/** P(X ≤ k) for X ~ Poisson(λ), summed in log space (k is a complaint count: small). */
export function poissonLowerTail(k: number, lambda: number): number {
  if (!(lambda >= 0) || !Number.isFinite(lambda)) return Number.NaN;
  if (k < 0) return 0;
  if (lambda === 0) return 1;
  let logTerm = -lambda; // i = 0
  let max = logTerm;
  const terms = [logTerm];
  for (let i = 1; i <= k; i++) {
    logTerm += Math.log(lambda) - Math.log(i);
    terms.push(logTerm);
    if (logTerm > max) max = logTerm;
  }
  const sum = terms.reduce((s, t) => s + Math.exp(t - max), 0);
  return Math.min(1, Math.exp(max + Math.log(sum)));
}

export function findSilentAreas(
  areas: readonly AreaCount[],
  opts: { q?: number; maxRatio?: number; minResidents?: number } = {},
): AreaRate[] {
  const qMax = opts.q ?? 0.05;
  const maxRatio = opts.maxRatio ?? 0.5;
  const minResidents = opts.minResidents ?? 50;
  const totals = new Map<string, { residents: number; complaints: number; n: number }>();
  for (const a of areas) {
    const t = totals.get(a.group) ?? { residents: 0, complaints: 0, n: 0 };
    t.residents += a.residents;
    t.complaints += a.complaints;
    t.n++;
    totals.set(a.group, t);
  }
  const rows: AreaRate[] = areas.map((a) => {
    const t = totals.get(a.group)!;
    const otherResidents = t.residents - a.residents;
    const testable = a.residents >= minResidents && t.n > 1 && otherResidents > 0;
    const expected = testable ? (a.residents * (t.complaints - a.complaints)) / otherResidents : null;
    return {
      ...a,
      per10k: per10k(a.complaints, a.residents),
      expected,
      p: expected === null ? null : poissonLowerTail(a.complaints, expected),
      q: null,
      silent: false,
    };
  });
  const tested = rows.filter((r) => r.p !== null);
  const q = bhQValues(tested.map((r) => r.p!));
  tested.forEach((r, i) => {
    r.q = q[i]!;
    r.silent = r.q < qMax && r.complaints <= maxRatio * r.expected!;
  });
  return rows;
}
