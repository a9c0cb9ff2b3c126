import 'server-only';
import type { DbOrTx } from '@/db/client';
import {
  type ComplaintFilter,
  countComplaintsInArea,
  gridGeometries,
  HOTSPOT_SRID,
  listBinnedCellCounts,
  listCellCounts,
} from '@/db/queries/hotspots';
import { complaintScope } from '@/lib/auth/policy';
import type { AuthUser } from '@/lib/auth/types';
import { AppError } from '@/lib/http/errors';
import { resolveAnalysisArea } from './analysis-area';
import { chooseCountSource, type HotspotSource } from './count-source.server';
import { type BandChoice, bandFromProfile, distanceBandProfile } from './distance-band';
import { binThresholds, confidenceBin } from './fdr';
import { giStarFromSums } from './gi-star';
import type { HotspotResult } from './hotspots.types';
import { latticeNeighbourSums, squareLattice } from './lattice';
import { neighbourSums, type PlanarPoint } from './neighbours';
import { yieldToEventLoop } from './yield-to-event-loop';

export interface HotspotRequest {
  divisionCode?: string;
  cellSize: number;
  shape: 'square' | 'hexagon';
  fdr: boolean;
  /** Fixed distance band in metres; chosen from the data when absent. */
  band?: number;
  filter: ComplaintFilter;
  /** `auto` (default): whole months from the hot-spot bins when they answer exactly; `raw`: every complaint. */
  source?: HotspotSource;
}

/** Largest grid the statistics will run on (cells); past it, ask for bigger cells. */
export const MAX_CELLS = 60_000;

/** Getis-Ord Gi* hot spots over the caller's complaints (see lib/hotspots/gi-star.ts). */
export async function computeHotspots(
  db: DbOrTx,
  user: AuthUser,
  request: HotspotRequest,
): Promise<HotspotResult> {
  const divisionCode = resolveAnalysisArea(user, request.divisionCode);
  const scope = complaintScope(user);
  const binned = await chooseCountSource(db, user, request);
  const counted = binned
    ? await listBinnedCellCounts(db, {
        divisionCode,
        size: request.cellSize,
        filter: request.filter,
        scope,
        ...binned,
      })
    : null;
  const { cells, counts: values } =
    counted ??
    (await listCellCounts(db, {
      divisionCode,
      size: request.cellSize,
      shape: request.shape,
      filter: request.filter,
      scope,
    }));
  if (cells.length === 0) throw new AppError('NOT_FOUND', 'No such division');
  if (cells.length > MAX_CELLS) {
    throw new AppError(
      'VALIDATION',
      `The grid would have ${cells.length} cells (max ${MAX_CELLS}); use larger cells`,
      [{ path: 'cellSize', message: 'too small for this area' }],
    );
  }
  if (cells.length < 30) {
    throw new AppError('VALIDATION', 'Fewer than 30 cells: use smaller cells for a meaningful Gi*', [
      { path: 'cellSize', message: 'too large for this area' },
    ]);
  }
  // Square cells lie on a lattice: neighbourhoods are offsets on it (lattice.ts), the same sums as a
  // spatial search. Each phase ends with a turn of the event loop (the embedded engine's other requests).
  const lattice = request.shape === 'square' ? squareLattice(cells, request.cellSize) : null;
  const points = cells as readonly PlanarPoint[];
  let choice: BandChoice = { band: request.band ?? 0, method: 'average_knn_distance', profile: [] };
  if (!request.band) {
    const profile = distanceBandProfile(points, Array.from(values), request.cellSize, { lattice });
    await yieldToEventLoop();
    choice = bandFromProfile(points, profile, request.cellSize, { lattice });
  }
  await yieldToEventLoop();
  const { count: neighbourCounts, sum: neighbourTotals } = lattice
    ? latticeNeighbourSums(lattice, values, choice.band, true)
    : neighbourSums(points, values, choice.band, true);
  const results = giStarFromSums(values, neighbourCounts, neighbourTotals);
  const thresholds = binThresholds(
    Float64Array.from(results, (r) => r.p),
    request.fdr,
  );
  const geometries = gridGeometries(cells);
  await yieldToEventLoop();
  const complaints =
    counted?.complaints ?? (await countComplaintsInArea(db, { divisionCode, filter: request.filter, scope }));
  return {
    parameters: {
      divisionCode,
      crs: `EPSG:${HOTSPOT_SRID}`,
      cellSize: request.cellSize,
      shape: request.shape,
      distanceBand: choice.band,
      distanceBandMethod: request.band ? 'given' : choice.method,
      bandProfile: choice.profile,
      neighboursPerCell: neighbourRange(neighbourCounts),
      fdr: request.fdr,
      criticalP: { p90: thresholds.p90, p95: thresholds.p95, p99: thresholds.p99 },
      cells: cells.length,
      complaints,
      filter: request.filter,
    },
    cells: cells.map((r, k) => ({
      i: r.i,
      j: r.j,
      count: values[k]!,
      z: results[k]!.z,
      p: results[k]!.p,
      bin: confidenceBin(results[k]!.z, results[k]!.p, thresholds),
      neighbours: results[k]!.neighbours,
      geometry: geometries[k]!,
    })),
  };
}

/** Fewest, mean and most neighbours per cell (self included). */
function neighbourRange(counts: Int32Array) {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let total = 0;
  for (const c of counts) {
    min = Math.min(min, c);
    max = Math.max(max, c);
    total += c;
  }
  return { min, mean: total / counts.length, max };
}
