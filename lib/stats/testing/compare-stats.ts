/**
 * For tests: two results of aggregateStats side by side, as rows that differ (none when the
 * rollups agree with the complaints). Counts must be equal; summed handling days equal to 1e-6; the
 * median within one hour (the rollups read it from an hourly histogram).
 */
import type { PeriodCounts } from '@/db/queries/stats';
import { ROLLUP_COUNTS } from '@/db/queries/stats-rollups';

export function statsDifferences(
  got: Map<string, PeriodCounts[]>,
  want: Map<string, PeriodCounts[]>,
  periods: number,
): string[] {
  const out: string[] = [];
  const keys = new Set([...got.keys(), ...want.keys()]);
  for (const g of keys) {
    for (let i = 0; i < periods; i++) {
      const a = got.get(g)?.[i];
      const b = want.get(g)?.[i];
      for (const m of ROLLUP_COUNTS) {
        const x = a?.[m] ?? 0;
        const y = b?.[m] ?? 0;
        if (x !== y) out.push(`group '${g}' period ${i} ${m}: rollup ${x}, raw ${y}`);
      }
      const hx = a?.handlingSumDays ?? 0;
      const hy = b?.handlingSumDays ?? 0;
      if (Math.abs(hx - hy) > 1e-6)
        out.push(`group '${g}' period ${i} handlingSumDays: rollup ${hx}, raw ${hy}`);
      const mx = a?.handlingMedianDays ?? null;
      const my = b?.handlingMedianDays ?? null;
      if (g === '' && (mx === null) !== (my === null)) {
        out.push(`period ${i} median: rollup ${mx}, raw ${my}`);
      } else if (g === '' && mx !== null && my !== null && Math.abs(mx - my) >= 1 / 24) {
        out.push(`period ${i} median: rollup ${mx}, raw ${my} (more than an hour apart)`);
      }
    }
  }
  return out;
}
