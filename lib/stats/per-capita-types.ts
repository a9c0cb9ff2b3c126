/**
 * The contract of `GET /api/stats/per-capita` (每万人诉求量 and silent areas): query and response
 * types, shared by the route, the verb and the screens. Pure.
 */
import { z } from 'zod';
import { boundDay, fromAfterTo, fromNotAfterTo, periodFields } from '@/lib/http/date-range';

/** `from` / `to` of the one date grammar (lib/http/date-range.ts), read as the days they bound. */
export const perCapitaQuery = z
  .object({
    area: z
      .string()
      .regex(/^\d{12}$/, 'area')
      .optional(),
    ...periodFields(),
  })
  .refine(fromNotAfterTo, fromAfterTo())
  .transform((q) => ({
    ...q,
    from: q.from ? boundDay(q.from, 'from')! : undefined,
    to: q.to ? boundDay(q.to, 'to')! : undefined,
  }));
export type PerCapitaQuery = z.infer<typeof perCapitaQuery>;

export interface PerCapitaArea {
  code: string;
  name: string;
  level: 'city' | 'county' | 'town' | 'village' | 'grid';
  residents: number;
  complaints: number;
  /** Complaints per 10,000 residents (null without residents on record). */
  per10k: number | null;
}

export interface SilentArea extends PerCapitaArea {
  /** Where it lies (town, or village for a grid). */
  parent: string;
  /** The comparable group: county and urban/rural type. */
  group: { county: string; type: 'urban' | 'rural' };
  expected: number;
  /** The comparable areas' rate per 10,000. */
  groupPer10k: number;
  p: number;
  q: number;
}

export interface PerCapitaResponse {
  area: { code: string; name: string; level: string };
  period: { from: string; to: string };
  total: PerCapitaArea;
  /** The areas directly below (counties, towns, villages or grids), by rate. */
  children: PerCapitaArea[];
  /** Every village of the area (the /map choropleth). */
  villages: PerCapitaArea[];
  /** Villages and grids far below comparable areas (Poisson test, BH q < 0.05, at most half the expected count). */
  silentVillages: SilentArea[];
  silentGrids: SilentArea[];
  test: { q: number; maxRatio: number; minResidents: number };
}
