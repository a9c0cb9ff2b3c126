/**
 * Building footprints inside one grid, fully inside it and never overlapping.
 *
 * Containment: every footprint fits in a disk of radius R around its centre (R = half the
 * diagonal of the largest footprint of its kind), and centres are only accepted inside the grid
 * shrunk by R (PostGIS `ST_Buffer(boundary, -R°)`, with R converted at the smallest metres-per-
 * degree in the city plus 5 % for the buffer's chord approximation), so the whole footprint lies
 * in the grid.
 * Overlap: grids never overlap, so only buildings of one grid can meet; they sit on distinct cells
 * of a rotated lattice whose cells are larger than any footprint (apartment blocks aligned with
 * the lattice, 3 m jitter; rural houses, any rotation, in a disk of radius 8.5 m + 3√2 m < 13 m,
 * inscribed in their 26 m cell).
 */
import type { LngLat } from '@/lib/geo/convert-datum';
import type { Rng } from '../context';
import { type Area, contains, M_PER_DEG_LAT, mPerDegLng } from './sample-points';

export type BuildingUse = 'residential' | 'mixed' | 'public' | 'commercial' | 'rural_house';

/** Footprint kinds: urban blocks ≤ 18 × 60 m, small buildings (rural houses, walk-ups) ≤ 11 × 13 m. */
export const BLOCK = { maxWidth: 18, maxLength: 60, cellWidth: 36, cellLength: 72 } as const;
export const HOUSE = { maxWidth: 11, maxLength: 13, cellWidth: 26, cellLength: 26, jitter: 3 } as const;
export const BLOCK_RADIUS_M = Math.hypot(BLOCK.maxWidth / 2, BLOCK.maxLength / 2);
export const HOUSE_RADIUS_M = Math.hypot(HOUSE.maxWidth / 2, HOUSE.maxLength / 2);

/** Metres → degrees for an erosion that is safe everywhere in the city (lat ≤ 27.5°). */
export function erosionDegrees(radiusM: number): number {
  return (radiusM / mPerDegLng(27.5)) * 1.05;
}

export interface Footprint {
  centre: LngLat;
  /** Closed ring, counter-clockwise. */
  ring: LngLat[];
}

export interface LatticeOptions {
  /** Cell size along the lattice's main axis and across it, metres. */
  cellLength: number;
  cellWidth: number;
  /** Lattice rotation, radians. */
  theta: number;
  /** Where the sites cluster (one urban compound, or a few rural hamlets), with spread in metres. */
  clusters: LngLat[];
  sigmaM: number;
  /** Random offset of a site inside its cell, metres (each axis). */
  jitterM: number;
}

/**
 * Up to `count` site centres on distinct lattice cells, each inside `area` (the grid already
 * shrunk by the footprint radius). Returns the centres with their local metric frame.
 */
export function latticeSites(rng: Rng, area: Area, count: number, o: LatticeOptions): LngLat[] {
  const origin = o.clusters[0];
  if (!origin || count <= 0) return [];
  const kx = mPerDegLng(origin[1]);
  const ky = M_PER_DEG_LAT;
  const a: LngLat = [Math.cos(o.theta), Math.sin(o.theta)];
  const b: LngLat = [-Math.sin(o.theta), Math.cos(o.theta)];
  const used = new Set<string>();
  const sites: LngLat[] = [];
  let sigma = o.sigmaM;
  let failures = 0;
  const maxAttempts = 80 * count + 400;
  for (let attempt = 0; attempt < maxAttempts && sites.length < count; attempt++) {
    const c = o.clusters[attempt % o.clusters.length] ?? origin;
    const x = (c[0] - origin[0]) * kx + rng.normal() * sigma;
    const y = (c[1] - origin[1]) * ky + rng.normal() * sigma;
    const i = Math.round((x * a[0] + y * a[1]) / o.cellLength);
    const j = Math.round((x * b[0] + y * b[1]) / o.cellWidth);
    const key = `${i},${j}`;
    let accepted = false;
    if (!used.has(key)) {
      const u = i * o.cellLength + (rng.next() * 2 - 1) * o.jitterM;
      const v = j * o.cellWidth + (rng.next() * 2 - 1) * o.jitterM;
      const p: LngLat = [origin[0] + (u * a[0] + v * b[0]) / kx, origin[1] + (u * a[1] + v * b[1]) / ky];
      if (contains(area, p)) {
        used.add(key);
        sites.push(p);
        accepted = true;
      }
    }
    if (accepted) failures = 0;
    else if (++failures % 25 === 0) sigma *= 1.2; // crowded or off the area: look wider
  }
  return sites;
}

/** A `width` × `length` rectangle centred on `centre`, its length along angle `theta`. */
export function rectangle(centre: LngLat, width: number, length: number, theta: number): Footprint {
  const kx = mPerDegLng(centre[1]);
  const ky = M_PER_DEG_LAT;
  const a: LngLat = [Math.cos(theta), Math.sin(theta)];
  const b: LngLat = [-Math.sin(theta), Math.cos(theta)];
  const corner = (su: number, sv: number): LngLat => {
    const u = (su * length) / 2;
    const v = (sv * width) / 2;
    return [centre[0] + (u * a[0] + v * b[0]) / kx, centre[1] + (u * a[1] + v * b[1]) / ky];
  };
  const first = corner(-1, -1);
  return { centre, ring: [first, corner(1, -1), corner(1, 1), corner(-1, 1), first] };
}

export function ringToWkt(ring: readonly LngLat[]): string {
  return `POLYGON((${ring.map(([x, y]) => `${x} ${y}`).join(',')}))`;
}
