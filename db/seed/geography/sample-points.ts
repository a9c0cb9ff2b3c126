/**
 * Deterministic point sampling inside WGS84 polygons (generator points for the Voronoi tilings
 * and building sites). Distances use a local equirectangular approximation, ample at city scale.
 */
import { bbox, booleanPointInPolygon } from '@turf/turf';
import type { MultiPolygon } from 'geojson';
import type { LngLat } from '@/lib/geo/convert-datum';
import type { Rng } from '../context';

/** Metres per degree of latitude (mean, at Panzhihua's latitude). */
export const M_PER_DEG_LAT = 110_574;
/** Metres per degree of longitude at a latitude. */
export const mPerDegLng = (lat: number) => 111_320 * Math.cos((lat * Math.PI) / 180);

export function distanceM(a: LngLat, b: LngLat): number {
  const dx = (a[0] - b[0]) * mPerDegLng((a[1] + b[1]) / 2);
  const dy = (a[1] - b[1]) * M_PER_DEG_LAT;
  return Math.hypot(dx, dy);
}

/** A polygon with its bounding box, for repeated strict point-in-polygon tests. */
export interface Area {
  geometry: MultiPolygon;
  bbox: [number, number, number, number];
}

export function toArea(geometry: MultiPolygon): Area {
  const [minX = 0, minY = 0, maxX = 0, maxY = 0] = bbox(geometry);
  return { geometry, bbox: [minX, minY, maxX, maxY] };
}

/** Strictly inside (a point on the boundary is outside). */
export function contains(area: Area, p: LngLat): boolean {
  const [minX, minY, maxX, maxY] = area.bbox;
  if (p[0] <= minX || p[0] >= maxX || p[1] <= minY || p[1] >= maxY) return false;
  return booleanPointInPolygon(p, area.geometry, { ignoreBoundary: true });
}

function uniformInBox(rng: Rng, area: Area): LngLat {
  const [minX, minY, maxX, maxY] = area.bbox;
  return [minX + rng.next() * (maxX - minX), minY + rng.next() * (maxY - minY)];
}

/** A uniform point inside the area (rejection sampling on the bounding box). */
export function uniformPoint(rng: Rng, area: Area): LngLat | null {
  for (let i = 0; i < 2000; i++) {
    const p = uniformInBox(rng, area);
    if (contains(area, p)) return p;
  }
  return null;
}

/**
 * Mitchell's best-candidate sampling: of `candidates` uniform points, keep the one farthest from
 * the points already placed. Spreads points evenly, like villages over a township.
 */
export function spreadPoint(rng: Rng, area: Area, placed: readonly LngLat[], candidates = 12): LngLat | null {
  let best: LngLat | null = null;
  let bestDistance = -1;
  for (let i = 0; i < candidates; i++) {
    const p = uniformPoint(rng, area);
    if (!p) break;
    const d = placed.reduce((m, q) => Math.min(m, distanceM(p, q)), Number.POSITIVE_INFINITY);
    if (d > bestDistance) {
      best = p;
      bestDistance = d;
    }
  }
  return best;
}

/** A point normally distributed around `centre` (sigma in metres), inside the area, or null. */
export function clusteredPoint(
  rng: Rng,
  area: Area,
  centre: LngLat,
  sigmaM: number,
  tries = 200,
): LngLat | null {
  const kx = mPerDegLng(centre[1]);
  for (let i = 0; i < tries; i++) {
    const p: LngLat = [
      centre[0] + (rng.normal() * sigmaM) / kx,
      centre[1] + (rng.normal() * sigmaM) / M_PER_DEG_LAT,
    ];
    if (contains(area, p)) return p;
  }
  return null;
}

/**
 * `count` distinct points inside the area, at least `minDistanceM` apart where possible: real
 * points first (kept when inside), then `generate` for the rest, spread as a fallback.
 */
export function placePoints(
  rng: Rng,
  area: Area,
  wanted: readonly (LngLat | null)[],
  minDistanceM: number,
  generate: (placed: readonly LngLat[]) => LngLat | null,
): LngLat[] {
  const placed: (LngLat | null)[] = wanted.map(() => null);
  const done: LngLat[] = [];
  const farEnough = (p: LngLat, d: number) => done.every((q) => distanceM(p, q) >= d);
  wanted.forEach((p, i) => {
    if (p && contains(area, p) && farEnough(p, 1)) {
      placed[i] = p;
      done.push(p);
    }
  });
  placed.forEach((p, i) => {
    if (p) return;
    let point: LngLat | null = null;
    for (let attempt = 0; attempt < 40 && !point; attempt++) {
      const candidate = attempt < 30 ? generate(done) : spreadPoint(rng, area, done);
      const min = attempt < 20 ? minDistanceM : minDistanceM / 4;
      if (candidate && farEnough(candidate, Math.max(min, 1))) point = candidate;
    }
    point ??= spreadPoint(rng, area, done, 30);
    if (!point) throw new Error('seed: no room for a point inside an area');
    placed[i] = point;
    done.push(point);
  });
  return placed as LngLat[];
}
