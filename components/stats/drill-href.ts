import type { IndicatorId } from '@/lib/stats/definitions';

/** The drill-down page for a figure: the complaints of its numerator or denominator. */
export function drillHref(params: {
  indicator: IndicatorId;
  part?: 'numerator' | 'denominator';
  area: string;
  from: string;
  to: string;
  office?: number | null;
  category?: string | null;
}): string {
  const q = new URLSearchParams({
    indicator: params.indicator,
    part: params.part ?? 'numerator',
    area: params.area,
    from: params.from,
    to: params.to,
  });
  if (params.office !== undefined && params.office !== null) q.set('office', String(params.office));
  if (params.category !== undefined && params.category !== null) q.set('category', params.category);
  return `/stats/complaints?${q.toString()}`;
}
