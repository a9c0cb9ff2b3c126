/**
 * The per-capita choropleth's classes (pure): villages by complaints per 10,000 residents in five
 * quantile classes, as a MapLibre `match` expression on the village code; villages without residents
 * on record stay unfilled.
 */
import type { ExpressionSpecification } from 'maplibre-gl';
import type { PerCapitaArea } from '@/lib/stats/per-capita-types';

export const PER_CAPITA_COLORS = ['#fff5eb', '#fdd0a2', '#fd8d3c', '#d94801', '#7f2704'] as const;

export function perCapitaClasses(villages: readonly PerCapitaArea[]): {
  expression: ExpressionSpecification | string;
  classes: { color: string; label: string }[];
} {
  const rated = villages.filter((v) => v.per10k !== null);
  const sorted = rated.map((v) => v.per10k!).sort((a, b) => a - b);
  if (sorted.length === 0) return { expression: 'rgba(0,0,0,0)', classes: [] };
  const breaks = [1, 2, 3, 4].map((k) => sorted[Math.floor((k * (sorted.length - 1)) / 5)]!);
  const classOf = (x: number) => breaks.filter((b) => x > b).length;
  const pairs = rated.flatMap((v) => [v.code, PER_CAPITA_COLORS[classOf(v.per10k!)]!]);
  const bounds = [sorted[0]!, ...breaks, sorted[sorted.length - 1]!];
  return {
    expression: ['match', ['get', 'code'], ...pairs, 'rgba(0,0,0,0)'] as unknown as ExpressionSpecification,
    classes: PER_CAPITA_COLORS.map((color, i) => ({
      color,
      label: `${bounds[i]!.toFixed(0)} – ${bounds[i + 1]!.toFixed(0)}`,
    })),
  };
}
