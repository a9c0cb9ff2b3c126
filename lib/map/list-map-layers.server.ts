import 'server-only';
import { getDb } from '@/db/client';
import { type AreaLevel, type Bbox, getAreasGeoJson, getGridsGeoJson, listMapPoints } from '@/db/queries/map';
import type { HomeMapPoints } from './map.types';

/** Grids are drawn from this zoom on; the client asks only then. */
export const GRID_MIN_ZOOM = 12;
const MAX_GRIDS = 3000;
const MAX_POINTS = 20_000;

export async function readAreas(level: AreaLevel): Promise<string> {
  return getAreasGeoJson(await getDb(), level);
}

export async function readGrids(bbox: Bbox): Promise<string> {
  return getGridsGeoJson(await getDb(), bbox, MAX_GRIDS);
}

/** Complaint points for the home map (public: no misconduct, no personal data). */
export async function readComplaintPoints(bbox: Bbox, now: Date): Promise<HomeMapPoints> {
  const { total, points } = await listMapPoints(await getDb(), { bbox, limit: MAX_POINTS, now });
  return { total, truncated: total > points.length, generatedAt: now.toISOString(), points };
}
