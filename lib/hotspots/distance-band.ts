/**
 * Choosing the fixed distance band from the data, the way ArcGIS's Optimized Hot Spot Analysis
 * does for aggregated cells: incremental spatial autocorrelation — global Moran's I z-scores for
 * bands of 1, 2, … `maxSteps` cell sizes — and the first peak (a band whose z is higher than both
 * neighbours' and significant, z > 1.96). Without a peak, the average distance from each cell to
 * its `k` nearest cells (k = 8) is used, at least one cell size so every cell has neighbours.
 * Given the cells' `lattice` (square cells, lattice.ts), both are computed on it: the same choice
 * and profile, bit for bit, without a spatial search.
 */

import { latticeAverageKthNeighbourDistance, type SquareLattice } from './lattice';
import { moranProfile } from './moran';
import { averageKthNeighbourDistance, type PlanarPoint } from './neighbours';

export interface BandChoice {
  band: number;
  method: 'incremental_spatial_autocorrelation_peak' | 'average_knn_distance';
  /** The z-score of each tried band, for the report. */
  profile: { band: number; z: number }[];
}

export interface BandOptions {
  maxSteps?: number;
  k?: number;
  lattice?: SquareLattice | null;
}

export function chooseDistanceBand(
  points: readonly PlanarPoint[],
  values: readonly number[],
  cellSize: number,
  options: BandOptions = {},
): BandChoice {
  const profile = distanceBandProfile(points, values, cellSize, options);
  return bandFromProfile(points, profile, cellSize, options);
}

/** The first half of `chooseDistanceBand`: Moran's I z for each candidate band. */
export function distanceBandProfile(
  points: readonly PlanarPoint[],
  values: readonly number[],
  cellSize: number,
  options: BandOptions = {},
): BandChoice['profile'] {
  const maxSteps = options.maxSteps ?? 8;
  // √2 × cell size first takes the 8 queen neighbours on a square grid; then whole cells.
  const bands = Array.from({ length: maxSteps }, (_, k) =>
    k === 0 ? cellSize * Math.SQRT2 : cellSize * (k + 1),
  );
  return moranProfile(points, values, bands, { lattice: options.lattice }).map((r) => ({
    band: r.band,
    z: r.z,
  }));
}

/** The second half of `chooseDistanceBand`: the profile's first peak, or the k-NN distance. */
export function bandFromProfile(
  points: readonly PlanarPoint[],
  profile: BandChoice['profile'],
  cellSize: number,
  options: BandOptions = {},
): BandChoice {
  for (let i = 1; i < profile.length - 1; i++) {
    const { z } = profile[i]!;
    if (z > 1.96 && z > profile[i - 1]!.z && z > profile[i + 1]!.z) {
      return { band: profile[i]!.band, method: 'incremental_spatial_autocorrelation_peak', profile };
    }
  }
  const k = options.k ?? 8;
  const knn = options.lattice
    ? latticeAverageKthNeighbourDistance(options.lattice, k)
    : averageKthNeighbourDistance(points, k, cellSize);
  return {
    band: Math.max(cellSize * Math.SQRT2, knn),
    method: 'average_knn_distance',
    profile,
  };
}
