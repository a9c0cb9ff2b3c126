import 'server-only';
import type { DbOrTx } from '@/db/client';
import {
  type ComplaintFilter,
  gridGeometries,
  HOTSPOT_SRID,
  listBinnedCellMonthCounts,
  listCellMonthCounts,
  listGridCells,
} from '@/db/queries/hotspots';
import { complaintScope } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { AppError } from '@/lib/http/errors';
import { resolveAnalysisArea } from './analysis-area';
import { chooseCountSource, type HotspotSource } from './count-source.server';
import { emergingHotSpots, type Pattern } from './emerging';
import type { EmergingResult } from './hotspots.types';
import { squareLattice } from './lattice';
import { yieldToEventLoop } from './yield-to-event-loop';

export interface EmergingRequest {
  divisionCode?: string;
  cellSize: number;
  /** Months analysed, ending with the month of `now` (the current, partial month included). */
  months: number;
  timeWindow: number;
  band?: number;
  fdr: boolean;
  now: Date;
  filter: Omit<ComplaintFilter, 'from' | 'to'>;
  /** `auto` (default): whole months from the hot-spot bins when they answer exactly; `raw`: every complaint. */
  source?: HotspotSource;
}

/** 'YYYY-MM-01' of the month `k` months before `now`'s month (CST). */
function monthKey(now: Date, back: number): string {
  const cst = new Date(now.getTime() + 8 * 3_600_000);
  const d = new Date(Date.UTC(cst.getUTCFullYear(), cst.getUTCMonth() - back, 1));
  return d.toISOString().slice(0, 10);
}

/** Emerging hot spots over monthly steps (space-time Gi*, Mann-Kendall, ArcGIS's patterns). */
export async function computeEmergingHotspots(
  db: DbOrTx,
  user: AuthUser,
  request: EmergingRequest,
): Promise<EmergingResult> {
  const divisionCode = resolveAnalysisArea(user, request.divisionCode);
  const steps = Array.from({ length: request.months }, (_, k) =>
    monthKey(request.now, request.months - 1 - k),
  );
  const from = new Date(`${steps[0]}T00:00:00+08:00`);
  const filter: ComplaintFilter = { ...request.filter, from, to: request.now };
  const scope = complaintScope(user);
  const cells = await listGridCells(db, { divisionCode, size: request.cellSize, shape: 'square' });
  if (cells.length < 30)
    throw new AppError('VALIDATION', 'Fewer than 30 cells: use smaller cells', [
      { path: 'cellSize', message: 'too large for this area' },
    ]);
  if (cells.length * steps.length > 400_000)
    throw new AppError('VALIDATION', 'The space-time cube is too large; use larger cells or fewer months', [
      { path: 'cellSize', message: 'too small for this area' },
    ]);
  const binned = await chooseCountSource(db, user, {
    shape: 'square',
    cellSize: request.cellSize,
    filter,
    source: request.source,
  });
  const binCounts = binned
    ? await listBinnedCellMonthCounts(db, { divisionCode, size: request.cellSize, filter, scope, ...binned })
    : await listCellMonthCounts(db, { divisionCode, size: request.cellSize, filter, scope });
  // One lattice of the cells serves every step (lattice.ts); a grid off the lattice is searched in the plane.
  const lattice = squareLattice(cells, request.cellSize);
  const cellIndex = new Map<number, number>();
  for (let k = 0; k < cells.length; k++) cellIndex.set(cells[k]!.i * 4_194_304 + cells[k]!.j, k);
  const stepIndex = new Map(steps.map((s, k) => [s, k]));
  const counts = cells.map(() => new Array<number>(steps.length).fill(0));
  for (const b of binCounts) {
    const c = cellIndex.get(b.i * 4_194_304 + b.j);
    const t = stepIndex.get(b.month);
    if (c !== undefined && t !== undefined) counts[c]![t]! += b.count;
  }
  await yieldToEventLoop();
  // Default neighbourhood: the 8 surrounding cells (queen contiguity, √2 cell sizes), so that an
  // emerging spot is judged against its immediate surroundings and not a whole district.
  const band = request.band ?? request.cellSize * Math.SQRT2;
  const results = emergingHotSpots({
    points: cells,
    counts,
    band,
    timeWindow: request.timeWindow,
    fdr: request.fdr,
    lattice,
  });
  const geometries = gridGeometries(cells);
  await yieldToEventLoop();
  const patternCounts: Partial<Record<Pattern, number>> = {};
  for (const r of results) patternCounts[r.pattern] = (patternCounts[r.pattern] ?? 0) + 1;
  return {
    parameters: {
      divisionCode,
      crs: `EPSG:${HOTSPOT_SRID}`,
      cellSize: request.cellSize,
      steps,
      timeWindow: request.timeWindow,
      distanceBand: band,
      fdr: request.fdr,
      cells: cells.length,
      patternCounts,
    },
    cells: cells.map((c, k) => ({
      i: c.i,
      j: c.j,
      pattern: results[k]!.pattern,
      counts: counts[k]!,
      z: results[k]!.z,
      bins: results[k]!.bins,
      trend: { z: results[k]!.trend.z, p: results[k]!.trend.p },
      geometry: geometries[k]!,
    })),
  };
}
