/**
 * The Mann-Kendall trend test on a time series (ties corrected):
 *   S = Σ_{i<j} sign(x_j − x_i)
 *   V[S] = [n(n − 1)(2n + 5) − Σ_g t_g(t_g − 1)(2t_g + 5)] / 18   (t_g: size of each tie group)
 *   Z = (S − 1)/√V if S > 0,  0 if S = 0,  (S + 1)/√V if S < 0;   p two-sided from N(0, 1).
 */
import { twoSidedP } from './normal';

export interface TrendResult {
  s: number;
  z: number;
  p: number;
}

export function mannKendall(series: readonly number[]): TrendResult {
  const n = series.length;
  let s = 0;
  for (let i = 0; i < n - 1; i++) for (let j = i + 1; j < n; j++) s += Math.sign(series[j]! - series[i]!);
  const ties = new Map<number, number>();
  for (const v of series) ties.set(v, (ties.get(v) ?? 0) + 1);
  let tieTerm = 0;
  for (const t of ties.values()) if (t > 1) tieTerm += t * (t - 1) * (2 * t + 5);
  const variance = (n * (n - 1) * (2 * n + 5) - tieTerm) / 18;
  const z =
    variance > 0 ? (s > 0 ? (s - 1) / Math.sqrt(variance) : s < 0 ? (s + 1) / Math.sqrt(variance) : 0) : 0;
  return { s, z, p: twoSidedP(z) };
}
