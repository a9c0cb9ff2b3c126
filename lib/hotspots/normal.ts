import normalCdf from '@stdlib/stats-base-dists-normal-cdf';

/** Two-sided p-value of a standard-normal z, computed in the lower tail for precision at large |z|. */
export function twoSidedP(z: number): number {
  if (!Number.isFinite(z)) return Number.isNaN(z) ? Number.NaN : 0;
  return Math.min(1, 2 * normalCdf(-Math.abs(z), 0, 1));
}
